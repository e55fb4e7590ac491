import { bool, map, url } from '../types';

/** `privacy_policy` (4.38): a link to your privacy policy in the portal. */
export const privacyPolicy = map(
  'Shows a link to your privacy policy in the portal, optionally requiring acceptance.',
  {
    enabled: bool('Show the privacy policy link; policy_url is then required.'),
    require_user_acceptance: bool('Make each user accept the policy before using the portal.'),
    policy_url: url('Address of the policy page; must be https.'),
  },
  { since: '4.38' },
);
