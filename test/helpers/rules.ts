/**
 * The rule families the protocol and CLI tests pin down finding by finding: the HA rules and
 * the YAML rules. The engine also runs full validation (`schema/*`, `config/*`, `secret/*`,
 * `acl/*`), which has its own tests; where a test compares HA or YAML findings exactly, it
 * first keeps only these families. Tests that expect no findings at all compare the full
 * output instead.
 */
export const FAMILIES_UNDER_TEST: readonly string[] = ['ha/', 'yaml/'];

/** Whether a rule id (a diagnostic's code) belongs to a family under test. */
export function isUnderTest(code: unknown): boolean {
  return typeof code === 'string' && FAMILIES_UNDER_TEST.some((family) => code.startsWith(family));
}

/** The diagnostics (anything with a rule id as `code`) of the families under test, in order. */
export function underTest<T extends { code?: unknown }>(diagnostics: readonly T[]): T[] {
  return diagnostics.filter((diagnostic) => isUnderTest(diagnostic.code));
}
