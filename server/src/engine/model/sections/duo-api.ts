import { bool, map, secret, str } from '../types';

/** `duo_api`: Duo push notifications as a second factor. */
export const duoApi = map('Duo push as a second factor; set hostname and both keys, or none.', {
  disable: bool('Turn Duo off while keeping its settings.'),
  hostname: str('API host name of your Duo application, e.g. api-123456.duosecurity.com.'),
  integration_key: secret('Integration key of the Duo application.'),
  secret_key: secret('Secret key of the Duo application.'),
  enable_self_enrollment: bool('Let users without a Duo device enroll one from the portal.'),
});
