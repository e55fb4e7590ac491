import {
  bool,
  deprecatedSince,
  dict,
  duration,
  int,
  list,
  map,
  oneOf,
  secret,
  str,
  url,
  type KeySpec,
  type MapSpec,
  type ScalarSpec,
} from '../types';

/** Dotted paths used as deprecation targets. */
const OIDC = 'identity_providers.oidc';
const CLIENT = `${OIDC}.clients[]`;

/**
 * Enum values below are the union over 4.37–4.39 (the model has one value list per key); where a
 * value is newer, the summary says so. Authelia compares them with case, so none is
 * case-insensitive. `''` is listed where Authelia (and the schema) take it as "use the default".
 */
const UNSET = '';

const ASYMMETRIC_SIGNING_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
] as const;

/** HMAC algorithms keyed by a plaintext client secret (4.39 for response objects). */
const HMAC_SIGNING_ALGS = ['HS256', 'HS384', 'HS512'] as const;

const SIGNING_ALGS = [...HMAC_SIGNING_ALGS, ...ASYMMETRIC_SIGNING_ALGS] as const;

/** Signing algorithms for a response object that may also be left unsigned. */
const SIGNED_OR_NONE = [UNSET, 'none', ...SIGNING_ALGS] as const;

/** JWE key-management algorithms (the `alg` of an encrypted object), 4.39. */
const JWE_KEY_ALGS = [
  'RSA1_5',
  'RSA-OAEP',
  'RSA-OAEP-256',
  'A128KW',
  'A192KW',
  'A256KW',
  'dir',
  'ECDH-ES',
  'ECDH-ES+A128KW',
  'ECDH-ES+A192KW',
  'ECDH-ES+A256KW',
  'A128GCMKW',
  'A192GCMKW',
  'A256GCMKW',
  'PBES2-HS256+A128KW',
  'PBES2-HS384+A192KW',
  'PBES2-HS512+A256KW',
] as const;

/** JWE content ciphers (the `enc` of an encrypted object), 4.39. */
const JWE_CONTENT_ALGS = [
  'A128CBC-HS256',
  'A192CBC-HS384',
  'A256CBC-HS512',
  'A128GCM',
  'A192GCM',
  'A256GCM',
] as const;

const CLIENT_AUTH_METHODS = [
  'none',
  'client_secret_post',
  'client_secret_basic',
  'private_key_jwt',
  'client_secret_jwt',
] as const;

/** Policies an OIDC authorization policy or rule may yield. */
const OIDC_POLICIES = ['one_factor', 'two_factor', 'deny'] as const;

/** `pushed-authorization-request` is 4.38+, `device-authorization` 4.39. */
const CORS_ENDPOINTS = [
  'authorization',
  'device-authorization',
  'pushed-authorization-request',
  'token',
  'introspection',
  'revocation',
  'userinfo',
] as const;

/** `password` is 4.37 only; the device code grant is 4.39. */
const GRANT_TYPES = [
  'authorization_code',
  'implicit',
  'refresh_token',
  'client_credentials',
  'urn:ietf:params:oauth:grant-type:device_code',
  'password',
] as const;

const RESPONSE_TYPES = [
  'code',
  'id_token token',
  'id_token',
  'token',
  'code token',
  'code id_token',
  'code id_token token',
] as const;

/** The `.jwt` (JARM) modes are 4.38+. */
const RESPONSE_MODES = [
  'form_post',
  'query',
  'fragment',
  'form_post.jwt',
  'query.jwt',
  'fragment.jwt',
  'jwt',
] as const;

/** One JSON Web Key: the provider's own keys and a client's public keys share this shape. */
function jwk(
  summary: string,
  use: ScalarSpec,
  algorithms: readonly string[],
  key: ScalarSpec,
): MapSpec {
  return map(summary, {
    key_id: str(
      'Key identifier (kid) published with the key; up to 100 unreserved URL characters.',
    ),
    use,
    algorithm: oneOf(
      'Algorithm the key is used with; worked out from the key type when left out.',
      algorithms,
    ),
    key,
    certificate_chain: str(
      'Optional PEM certificates for the key; the first one must carry its public key.',
    ),
  });
}

type TokenName = 'access_token' | 'authorize_code' | 'id_token' | 'refresh_token';

/**
 * The four token lifetimes shared by `lifespans`, each `lifespans.custom.<name>` and each of
 * its grant overrides. `context` finishes the sentence, e.g. ' for these clients'.
 */
function tokenLifespans(
  context: string,
  defaults: Partial<Record<TokenName, string>> = {},
): Record<TokenName, ScalarSpec> {
  const withDefault = (name: TokenName) =>
    defaults[name] === undefined ? {} : { default: defaults[name] };
  return {
    access_token: duration(
      `How long an access token is accepted${context}; shorter limits a leaked token.`,
      withDefault('access_token'),
    ),
    authorize_code: duration(
      `How long an authorization code can be exchanged for tokens${context}.`,
      withDefault('authorize_code'),
    ),
    id_token: duration(`How long an ID token counts as valid${context}.`, withDefault('id_token')),
    refresh_token: duration(
      `How long a refresh token can be used to get new tokens${context}.`,
      withDefault('refresh_token'),
    ),
  };
}

const GLOBAL_LIFESPANS = tokenLifespans('', {
  access_token: '1h',
  authorize_code: '1m',
  id_token: '1h',
  refresh_token: '90m',
});

/** 4.37 flat `<token>_lifespan` keys, mapped by Authelia 4.38+ onto `lifespans.<token>`. */
const LEGACY_LIFESPANS: Record<string, KeySpec> = Object.fromEntries(
  Object.entries(GLOBAL_LIFESPANS).map(([name, spec]) => [
    `${name}_lifespan`,
    { ...spec, ...deprecatedSince('4.38', `${OIDC}.lifespans.${name}`) },
  ]),
);

/** Token lifetimes for one grant type inside a custom lifespan. */
function grantLifespans(grant: string, extra: { since?: '4.39' } = {}): MapSpec {
  return map(
    `Lifetimes for tokens issued through the ${grant}; unset ones use the lifespan above.`,
    tokenLifespans(` when issued through the ${grant}`),
    extra,
  );
}

const customLifespan = map(
  'Token lifetimes for clients that pick this name; anything unset uses the global lifespans.',
  {
    ...tokenLifespans(' for these clients'),
    device_code: duration('How long a device code can be redeemed by these clients.', {
      since: '4.39',
    }),
    grants: map('Lifetimes that apply only to tokens obtained through a given grant type.', {
      authorize_code: grantLifespans('authorization code grant'),
      device_code: grantLifespans('device code grant', { since: '4.39' }),
      implicit: grantLifespans('implicit flow'),
      client_credentials: grantLifespans('client credentials grant'),
      refresh_token: grantLifespans('refresh token grant'),
      jwt_bearer: grantLifespans('JWT bearer grant'),
    }),
  },
);

/**
 * `<object>_signed_response_alg` and `_key_id` for one kind of object Authelia hands a client.
 * The algorithm must match one of the provider's jwks (HS* uses the plaintext client secret).
 */
function signedResponse(
  object: string,
  what: string,
  values: readonly string[],
  extra: { default: string; note: string },
): Record<string, ScalarSpec> {
  return {
    [`${object}_signed_response_alg`]: oneOf(
      `Algorithm Authelia signs ${what} with${extra.note}.`,
      values,
      { since: '4.38', default: extra.default },
    ),
    [`${object}_signed_response_key_id`]: str(
      `key_id of the provider jwks entry that signs ${what}; wins over the algorithm.`,
      { since: '4.38' },
    ),
  };
}

/** `<object>_encrypted_response_alg`, `_enc` and `_key_id` (4.39): encrypting for a client. */
function encryptedResponse(object: string, what: string): Record<string, ScalarSpec> {
  return {
    [`${object}_encrypted_response_alg`]: oneOf(
      `Key algorithm used to encrypt ${what} to the client's key; none sends them unencrypted.`,
      [UNSET, 'none', ...JWE_KEY_ALGS],
      { since: '4.39', default: 'none' },
    ),
    [`${object}_encrypted_response_enc`]: oneOf(
      `Content cipher for encrypted ${what}; only used when the key algorithm is set.`,
      [UNSET, ...JWE_CONTENT_ALGS],
      { since: '4.39', default: 'A128CBC-HS256' },
    ),
    [`${object}_encrypted_response_key_id`]: str(
      `key_id of the client key used to encrypt ${what}; wins over the algorithm settings.`,
      { since: '4.39' },
    ),
  };
}

/** `<endpoint>_auth_method` and `_auth_signing_alg`: how a client logs in at one endpoint. */
function endpointAuth(
  endpoint: string,
  where: string,
  since: '4.38' | '4.39',
): Record<string, ScalarSpec> {
  return {
    [`${endpoint}_auth_method`]: oneOf(
      `How the client authenticates at the ${where}; public clients use none.`,
      [UNSET, ...CLIENT_AUTH_METHODS],
      { since, default: 'client_secret_basic' },
    ),
    [`${endpoint}_auth_signing_alg`]: oneOf(
      `Algorithm of the client's signed assertion at the ${where} (the *_jwt methods).`,
      [UNSET, ...SIGNING_ALGS],
      { since },
    ),
  };
}

/** `subject` of an OIDC policy rule: one subject, a list (any), or a list of lists (all). */
const policySubject = list(
  'Users or groups the rule matches; in a nested list every entry must match.',
  list(
    'Subjects that must all match: user:<name> or group:<name>.',
    str('A subject: user:<name> or group:<name>.'),
    { allowSingle: true },
  ),
  { allowSingle: true },
);

const authorizationPolicy = map(
  'A named policy: its rules are tried in order, then the default policy applies.',
  {
    default_policy: oneOf(
      'Policy applied when no rule matches: one_factor, two_factor or deny.',
      OIDC_POLICIES,
      { default: 'two_factor' },
    ),
    rules: list(
      'Rules tried in order; the first whose subject or networks match decides the policy.',
      map('One rule: the policy to apply and who or where it applies to.', {
        policy: oneOf('Policy applied when this rule matches.', OIDC_POLICIES, {
          default: 'two_factor',
        }),
        subject: policySubject,
        networks: list(
          'Client addresses the rule matches: CIDR ranges, IPs or definitions.network names.',
          str('A CIDR range, an IP address, or the name of a definitions.network entry.'),
          { allowSingle: true, since: '4.39' },
        ),
      }),
    ),
  },
);

const claimsPolicy = map('Claims this policy puts into tokens, and the custom claims it defines.', {
  id_token: list(
    'Claims always put into the ID token, beyond those the granted scopes bring.',
    str('A standard claim name or one defined under custom_claims.'),
  ),
  access_token: list(
    'Claims put into JWT access tokens of clients using this policy.',
    str('A standard claim name or one defined under custom_claims.'),
  ),
  id_token_audience_mode: oneOf(
    'How the ID token audience is formed: per the spec, or the experimental merged mode.',
    ['specification', 'experimental-merged'],
    { default: 'specification' },
  ),
  custom_claims: dict(
    'Extra claims this policy can release, each filled from a user attribute.',
    'claim key',
    map('One custom claim: its name in tokens and the user attribute behind it.', {
      name: str('Claim name as it appears in tokens; the entry key when left out.'),
      attribute: str(
        'User attribute (backend or definitions.user_attributes) that fills the claim.',
      ),
    }),
  ),
});

const client = map('One application that signs users in through Authelia.', {
  client_id: str(
    'Identifier the app sends as its client ID; unique, up to 100 unreserved URL characters.',
    { since: '4.38' },
  ),
  id: str('Identifier the app sends as its client ID; unique per client.', {
    ...deprecatedSince('4.38', `${CLIENT}.client_id`),
  }),
  client_name: str('Name shown to users on the consent screen; the client ID when empty.', {
    since: '4.38',
  }),
  description: str('Name shown to users on the consent screen; the client ID when empty.', {
    ...deprecatedSince('4.38', `${CLIENT}.client_name`),
  }),
  client_secret: secret(
    'Secret of a confidential client, best stored as a digest ($pbkdf2…); none if public.',
    { since: '4.38' },
  ),
  secret: secret('Secret of a confidential client; public clients must not have one.', {
    ...deprecatedSince('4.38', `${CLIENT}.client_secret`),
  }),
  sector_identifier_uri: url(
    'https URL listing redirect URIs; clients sharing it get the same pairwise subject.',
    { since: '4.38' },
  ),
  sector_identifier: str(
    'Host that groups clients so they are given the same pairwise subject identifiers.',
    {
      ...deprecatedSince('4.38', `${CLIENT}.sector_identifier_uri`, {
        note: 'The new key wants an https URL to a JSON list of redirect URIs, not a bare host.',
      }),
    },
  ),
  public: bool(
    'Marks an app that cannot keep a secret (browser, mobile, CLI): no client secret, PKCE.',
  ),
  redirect_uris: list(
    'Exact, case-sensitive callback URLs Authelia may send the user back to after login.',
    url('A callback URL of the app.'),
    { allowSingle: true },
  ),
  request_uris: list(
    "https URLs from which Authelia may fetch this client's request objects.",
    url('An absolute https URL of a request object.'),
    { allowSingle: true, since: '4.38' },
  ),
  audience: list(
    'Audiences the client may request for its tokens (required with authelia.bearer.authz).',
    str('An audience value, usually the URL or ID of an API.'),
  ),
  scopes: list(
    'Scopes the client may ask for; openid, groups, profile and email when left out.',
    str(
      'A scope: openid, offline_access, profile, email, groups, address, phone, or a custom one.',
    ),
  ),
  grant_types: list(
    'Grants the client may use; worked out from response_types when left out.',
    oneOf('A grant type (password is 4.37 only; the device code grant needs 4.39).', GRANT_TYPES),
  ),
  response_types: list(
    'Responses the client may ask for at authorization; code when left out.',
    oneOf('A response type; code is the authorization code flow.', RESPONSE_TYPES),
  ),
  response_modes: list(
    'How the authorization result reaches the client; form_post plus what the types need.',
    oneOf('A response mode (the .jwt ones need 4.38).', RESPONSE_MODES),
  ),
  authorization_policy: str(
    'Login a user needs: one_factor, two_factor, or a name from authorization_policies.',
    { default: 'two_factor' },
  ),
  lifespan: str('Name of the lifespans.custom entry whose token lifetimes this client uses.', {
    since: '4.38',
  }),
  claims_policy: str("Name of the claims_policies entry that shapes this client's tokens.", {
    since: '4.39',
  }),
  requested_audience_mode: oneOf(
    'Whether audiences are granted only when asked for (explicit) or always (implicit).',
    ['explicit', 'implicit'],
    { since: '4.38', default: 'explicit' },
  ),
  consent_mode: oneOf(
    'How consent is collected: ask every time, remember it, never ask, or auto-pick.',
    ['auto', 'explicit', 'implicit', 'pre-configured'],
    { default: 'auto' },
  ),
  pre_configured_consent_duration: duration(
    'How long a remembered consent lasts; setting it makes auto use pre-configured mode.',
    { default: '1w' },
  ),
  require_pushed_authorization_requests: bool(
    'Makes this client start every authorization with a pushed request (PAR).',
    { since: '4.38' },
  ),
  require_pkce: bool('Makes this client send a PKCE challenge on every authorization request.', {
    since: '4.38',
  }),
  pkce_challenge_method: oneOf(
    'PKCE method this client must use; S256 unless an old app can only do plain.',
    [UNSET, 'plain', 'S256'],
    { since: '4.38' },
  ),
  ...signedResponse('authorization', 'JARM authorization responses', SIGNED_OR_NONE, {
    default: 'RS256',
    note: ' (4.38 defaults to none)',
  }),
  ...encryptedResponse('authorization', 'JARM authorization responses'),
  ...signedResponse('id_token', 'ID tokens', [UNSET, ...SIGNING_ALGS], {
    default: 'RS256',
    note: '',
  }),
  ...encryptedResponse('id_token', 'ID tokens'),
  ...signedResponse('access_token', 'access tokens', SIGNED_OR_NONE, {
    default: 'none',
    note: '; none keeps them opaque instead of JWTs',
  }),
  ...encryptedResponse('access_token', 'JWT access tokens'),
  ...signedResponse('userinfo', 'userinfo responses', SIGNED_OR_NONE, {
    default: 'none',
    note: '; none returns plain JSON',
  }),
  ...encryptedResponse('userinfo', 'userinfo responses'),
  ...signedResponse('introspection', 'introspection responses', SIGNED_OR_NONE, {
    default: 'none',
    note: '; none returns plain JSON',
  }),
  ...encryptedResponse('introspection', 'introspection responses'),
  request_object_signing_alg: oneOf(
    'Algorithm the client must sign its request objects with; must match one of its jwks.',
    [UNSET, 'none', ...ASYMMETRIC_SIGNING_ALGS],
    { since: '4.38' },
  ),
  request_object_encryption_alg: oneOf(
    'Key algorithm the client must use to encrypt its request objects; none for plain ones.',
    [UNSET, 'none', ...JWE_KEY_ALGS],
    { since: '4.39', default: 'none' },
  ),
  request_object_encryption_enc: oneOf(
    'Content cipher the client must use for encrypted request objects.',
    [UNSET, ...JWE_CONTENT_ALGS],
    { since: '4.39', default: 'A128CBC-HS256' },
  ),
  ...endpointAuth('token_endpoint', 'token endpoint', '4.38'),
  ...endpointAuth('revocation_endpoint', 'revocation endpoint', '4.39'),
  ...endpointAuth('introspection_endpoint', 'introspection endpoint', '4.39'),
  ...endpointAuth('pushed_authorization_request_endpoint', 'PAR endpoint', '4.39'),
  allow_multiple_auth_methods: bool(
    'Tolerates clients that authenticate in several ways at once; non-standard and riskier.',
    { since: '4.38' },
  ),
  jwks_uri: url('https URL where the client publishes its public keys; not together with jwks.', {
    since: '4.38',
  }),
  jwks: list(
    'Public keys of the client, checking its request objects and private_key_jwt logins.',
    jwk(
      'One public key of the client; key_id is required here.',
      oneOf(
        'What the key is for: sig to verify, or enc (4.39) to encrypt to the client.',
        ['sig', 'enc'],
        { default: 'sig' },
      ),
      SIGNING_ALGS,
      str('PEM public key (RSA of 2048 bits or more, or ECDSA) of the client.'),
    ),
    { since: '4.38' },
  ),
  userinfo_signing_algorithm: oneOf(
    'Algorithm used to sign userinfo responses; none returns plain JSON (4.37: none or RS256).',
    SIGNED_OR_NONE,
    { default: 'none', ...deprecatedSince('4.38', `${CLIENT}.userinfo_signed_response_alg`) },
  ),
});

const cors = map(
  "Cross-origin access to the provider's endpoints, for apps calling them in a browser.",
  {
    endpoints: list(
      'Endpoints that answer cross-origin requests, besides the discovery ones that always do.',
      oneOf(
        'An endpoint (device-authorization needs 4.39, pushed-authorization-request 4.38).',
        CORS_ENDPOINTS,
      ),
    ),
    allowed_origins: list(
      'Origins allowed cross-origin (scheme, host, optional port); a lone * allows any.',
      str('An origin such as https://app.example.com, or * on its own.'),
    ),
    allowed_origins_from_client_redirect_uris: bool(
      "Also allows the origins of every client's http(s) redirect URIs; cannot go with *.",
    ),
  },
);

const oidc = map('Makes Authelia an OpenID Connect 1.0 provider so apps can sign users in.', {
  hmac_secret: secret(
    'Long random secret that signs opaque tokens and codes; identical on every replica.',
  ),
  jwks: list(
    "The provider's own keys for signing tokens; at least one RSA key usable for RS256.",
    jwk(
      'One private key of the provider, with optional certificates.',
      oneOf(
        'What the key is for: sig to sign, or enc (4.39) to decrypt what clients send.',
        ['sig', 'enc'],
        { default: 'sig' },
      ),
      [...SIGNING_ALGS, ...JWE_KEY_ALGS],
      secret(
        'PEM private key (RSA of 2048 bits or more, or ECDSA); a list item, so no _FILE variable.',
      ),
    ),
    { since: '4.38' },
  ),
  issuer_private_key: secret(
    'PEM RSA private key that signs tokens; Authelia turns it into the first RS256 jwks entry.',
    {
      ...deprecatedSince('4.38', `${OIDC}.jwks`, {
        conflict: 'error',
        note: 'Move the PEM to jwks[].key; Authelia refuses it together with jwks.',
      }),
    },
  ),
  issuer_certificate_chain: secret(
    'PEM certificates matching issuer_private_key, published with the signing key.',
    {
      ...deprecatedSince('4.38', `${OIDC}.jwks`, {
        conflict: 'error',
        note: 'Move it to jwks[].certificate_chain of the same key; refused together with jwks.',
      }),
    },
  ),
  ...LEGACY_LIFESPANS,
  enable_client_debug_messages: bool(
    'Adds detailed reasons to errors sent to clients; useful while setting up an app.',
  ),
  minimum_parameter_entropy: int(
    'Fewest characters allowed in state and nonce parameters; -1 turns the check off (unsafe).',
    { default: 8, min: -1 },
  ),
  enforce_pkce: oneOf(
    'Who must use PKCE: public clients only, every client (always), or nobody (never).',
    ['public_clients_only', 'never', 'always'],
    { default: 'public_clients_only' },
  ),
  enable_pkce_plain_challenge: bool(
    'Also accepts the weak plain PKCE method instead of only S256; avoid unless an app needs it.',
  ),
  enable_jwt_access_token_stateless_introspection: bool(
    'Lets JWT access tokens be introspected from the signature alone, so revocation goes unseen.',
    { since: '4.38' },
  ),
  discovery_signed_response_alg: oneOf(
    'Algorithm that signs the discovery and metadata documents; none serves them unsigned.',
    [UNSET, 'none', ...ASYMMETRIC_SIGNING_ALGS],
    { since: '4.38', default: 'none' },
  ),
  discovery_signed_response_key_id: str(
    'key_id of the jwks entry that signs the discovery documents; wins over the algorithm.',
    { since: '4.38' },
  ),
  require_pushed_authorization_requests: bool(
    'Makes every client start authorization with a pushed request (PAR).',
    { since: '4.38' },
  ),
  cors,
  clients: list(
    'The applications allowed to sign users in through Authelia; at least one is required.',
    client,
  ),
  authorization_policies: dict(
    'Named policies clients can pick in authorization_policy; one_factor, two_factor, deny taken.',
    'policy name',
    authorizationPolicy,
    { since: '4.38' },
  ),
  lifespans: map(
    'How long tokens and codes stay valid, globally and in named sets that clients can pick.',
    {
      ...GLOBAL_LIFESPANS,
      device_code: duration('How long a device code can be redeemed by the device.', {
        since: '4.39',
        default: '10m',
      }),
      jwt_secured_authorization: duration(
        'How long a signed (JARM) authorization response stays valid.',
        { default: '5m' },
      ),
      custom: dict(
        'Named sets of token lifetimes; a client picks one with its lifespan option.',
        'lifespan name',
        customLifespan,
      ),
    },
    { since: '4.38' },
  ),
  claims_policies: dict(
    'Named claim sets a client picks with claims_policy, shaping what its tokens contain.',
    'claims policy name',
    claimsPolicy,
    { since: '4.39' },
  ),
  scopes: dict(
    'Custom scopes that release claims; standard scope names and authelia.* ones are taken.',
    'scope name',
    map('A custom scope and the claims granting it releases.', {
      claims: list(
        "Claims the scope releases; the client's claims policy must be able to supply each one.",
        str('A standard claim name or a custom claim from a claims policy.'),
      ),
    }),
    { since: '4.39' },
  ),
});

/** `identity_providers`: the OpenID Connect 1.0 provider and its clients. */
export const identityProviders = map(
  'Identity providers Authelia runs for other apps; today only OpenID Connect (oidc).',
  { oidc },
);
