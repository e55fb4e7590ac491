/**
 * Generated 4.39 configs for tests that need size: `rules` access-control rules with subjects,
 * resources, methods and networks, an OIDC client for every tenth rule, and with `broken` the
 * four HA problems and a typo.
 */
export function generateConfig({ rules, broken }: { rules: number; broken: boolean }): string {
  const lines = [
    '# yaml-language-server: $schema=https://www.authelia.com/schemas/v4.39/json-schema/configuration.json',
    'server:',
    "  address: 'tcp://:9091/'",
    '',
    'authentication_backend:',
    ...(broken
      ? ['  file:', "    path: '/config/users.yml'"]
      : ['  ldap:', "    address: 'ldap://ldap:389'", "    implementation: 'lldap'", "    user: 'uid=authelia'", "    password: 'dummy'"]),
    '',
    'session:',
    "  secret: 'dummy-session-secret'",
    broken ? "  expiraton: '1h'" : "  expiration: '1h'",
    '  cookies:',
    "    - domain: 'example.com'",
    "      authelia_url: 'https://auth.example.com'",
    ...(broken ? [] : ['  redis:', "    host: 'redis'", '    port: 6379']),
    '',
    'storage:',
    "  encryption_key: 'dummy-encryption-key-0123456789'",
    ...(broken ? ['  local:', "    path: '/config/db.sqlite3'"] : ['  postgres:', "    address: 'tcp://db:5432'", "    database: 'authelia'", "    username: 'authelia'"]),
    '',
    'notifier:',
    ...(broken ? ['  filesystem:', "    filename: '/config/notification.txt'"] : ['  smtp:', "    address: 'submission://mail:587'", "    sender: 'Authelia <a@example.com>'"]),
    '',
    'identity_validation:',
    '  reset_password:',
    "    jwt_secret: 'dummy-jwt-secret'",
    '',
    'access_control:',
    "  default_policy: 'deny'",
    '  rules:',
  ];
  for (let i = 0; i < rules; i++) {
    lines.push(
      `    - domain: 'app${i}.example.com'`,
      `      policy: '${i % 3 === 0 ? 'one_factor' : 'two_factor'}'`,
      '      subject:',
      `        - 'group:team${i % 7}'`,
      `        - ['user:u${i}', 'group:admins']`,
      '      resources:',
      `        - '^/api/v${i % 4}/.*$'`,
      "      methods: ['GET', 'POST']",
      `      networks: ['10.${i % 200}.0.0/16']`,
    );
  }
  lines.push('', 'identity_providers:', '  oidc:', "    hmac_secret: 'dummy-hmac-secret-0123456789abcdef0123'", '    jwks:', "      - key: 'dummy'", '    clients:');
  for (let i = 0; i < Math.max(1, Math.floor(rules / 10)); i++) {
    lines.push(
      `      - client_id: 'client${i}'`,
      `        client_name: 'Client ${i}'`,
      "        client_secret: '$pbkdf2-sha512$310000$c8p78n7pUMln0jzvd4aK4Q$JNRBzwAo0ek5qKn50cFzzvE9RXV88h1wJn5KGiHrD0YKtZaR/nCb2CJPOsKaPK0hjf.9yHxzQGZziziccp6Yng'",
      '        public: false',
      "        authorization_policy: 'two_factor'",
      '        redirect_uris:',
      `          - 'https://app${i * 10}.example.com/oauth2/callback'`,
      "        scopes: ['openid', 'profile', 'email', 'groups']",
    );
  }
  return `${lines.join('\n')}\n`;
}
