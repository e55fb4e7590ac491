import { address, bool, map } from '../types';
import { LISTENER_SCHEMES, listenerBuffers, listenerTimeouts } from './server';

/** `telemetry`: the Prometheus metrics listener. */
export const telemetry = map('Exposes operational data such as Prometheus metrics.', {
  metrics: map('A separate listener serving Prometheus metrics.', {
    enabled: bool('Start the metrics listener; keep it unreachable from the internet.'),
    address: address(
      'Where the metrics listener binds, with the path it serves, e.g. tcp://:9959/metrics.',
      LISTENER_SCHEMES,
      'tcp',
      { default: 'tcp://:9959/metrics' },
    ),
    buffers: listenerBuffers('Buffer sizes of the metrics listener.'),
    timeouts: listenerTimeouts('Time limits on connections to the metrics listener.'),
  }),
});
