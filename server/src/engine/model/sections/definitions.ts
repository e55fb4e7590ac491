import { dict, list, map, str } from '../types';

/** `definitions` (4.39): named values that other sections refer to. */
export const definitions = map(
  'Named networks and computed user attributes that other sections can refer to.',
  {
    network: dict(
      'Named networks usable in access-control rules and OIDC authorization policies.',
      'network name',
      list('CIDR ranges or addresses making up the network.', str('A CIDR range or IP address.'), {
        allowSingle: true,
      }),
    ),
    user_attributes: dict(
      'Extra user attributes computed from others, usable in OIDC claims and policies.',
      'attribute name',
      map('A computed attribute.', {
        expression: str('Common Expression Language (CEL) expression that yields the value.'),
      }),
    ),
  },
  { since: '4.39' },
);
