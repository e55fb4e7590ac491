/**
 * A config the acl rule tests build on: SQLite storage, any extra top-level `sections`, and
 * `access_control` with the given `rules` (list items indented by 4).
 */
export function withAccessRules(rules: string, sections = ''): string {
  return (
    'storage:\n' +
    "  encryption_key: 'a-very-long-encryption-key'\n" +
    '  local:\n' +
    "    path: '/config/db.sqlite3'\n" +
    sections +
    'access_control:\n' +
    "  default_policy: 'deny'\n" +
    '  rules:\n' +
    rules
  );
}
