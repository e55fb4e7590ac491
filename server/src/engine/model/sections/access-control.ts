import { any, list, map, oneOf, str } from '../types';

/** Policies a rule (or the default) can apply. */
export const ACCESS_POLICIES = ['bypass', 'one_factor', 'two_factor', 'deny'] as const;

/** HTTP verbs a rule may match: RFC 7231 plus WebDAV (RFC 4918); upper case only. */
export const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'TRACE',
  'CONNECT',
  'OPTIONS',
  'COPY',
  'LOCK',
  'MKCOL',
  'MOVE',
  'PROPFIND',
  'PROPPATCH',
  'UNLOCK',
] as const;

/** Query-parameter match operators. */
const QUERY_OPERATORS = [
  'equal',
  'not equal',
  'present',
  'absent',
  'pattern',
  'not pattern',
] as const;

/** A list of networks: CIDR ranges, single addresses or names of defined networks. */
function networkList(summary: string) {
  return list(summary, str('A CIDR range, an IP address, or the name of a defined network.'), {
    allowSingle: true,
  });
}

const subjectItem = str('user:<name>, group:<name>, or (from 4.38) oauth2:client:<client id>.');

const rule = map('One rule; the first rule whose criteria all match decides the policy.', {
  domain: list(
    'Host names the rule covers; *.example.com covers sub-domains but not example.com itself.',
    str('A host name; may start with *. or with the {user}. or {group}. placeholder.'),
    { allowSingle: true },
  ),
  domain_regex: list(
    'Regular expressions on the host name; named groups User or Group match the signed-in user.',
    str('A regular expression matched against the whole host name.'),
    { allowSingle: true },
  ),
  policy: oneOf('What happens to a matching request.', ACCESS_POLICIES),
  subject: list(
    'Who the rule applies to; any entry may match, and an inner list needs all of its items.',
    list('Subjects that must all match at once.', subjectItem, { allowSingle: true }),
    { allowSingle: true },
  ),
  networks: networkList('Client addresses the rule applies to; any one matching is enough.'),
  resources: list(
    'Regular expressions on the path and query; anchor them (^/api/) to avoid surprises.',
    str('A regular expression matched against the path with its query string.'),
    { allowSingle: true },
  ),
  methods: list(
    'HTTP methods the rule applies to, in upper case; any one matching is enough.',
    oneOf('An HTTP method.', HTTP_METHODS),
    { allowSingle: true },
  ),
  query: list(
    'Query-parameter conditions: any outer entry may match; each inner list must match fully.',
    list(
      'Conditions that must all hold.',
      map('One condition on a query parameter.', {
        operator: oneOf(
          'How to compare; defaults to equal when a value is given, present otherwise.',
          QUERY_OPERATORS,
          { caseInsensitive: true },
        ),
        key: str('Name of the query parameter.'),
        value: any('Value to compare with; a regular expression for the pattern operators.'),
      }),
    ),
  ),
});

/** `access_control`: which policy applies to which request. */
export const accessControl = map(
  'Decides, per request, whether to allow, deny or demand one or two factors.',
  {
    default_policy: oneOf('Policy for requests no rule matches.', ACCESS_POLICIES, {
      default: 'deny',
    }),
    networks: list(
      'Named groups of networks for rules to refer to; from 4.39 definitions.network does this.',
      map('A named group of networks.', {
        name: str('Name rules use to refer to the group; must not clash with definitions.network.'),
        networks: networkList('CIDR ranges or addresses in the group.'),
      }),
    ),
    rules: list('Rules checked top to bottom; the first full match wins.', rule),
  },
);
