import { isScalar } from 'yaml';
import { takesType } from '../../model';
import { hasRange } from '../../block-yaml';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { checkAddress } from '../../values/address';

/**
 * `schema/address`: an address that its option cannot use: a scheme the option does not
 * speak (`ldap://` for a database), a query on a TCP address, a user name, or a bad port.
 * The value itself is never quoted, since addresses can carry credentials.
 */
export const schemaAddress: Rule = {
  id: 'schema/address',
  local: true,

  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const places = context.places();
    const found = context.placesWith('address');
    for (let at = 0; at < found.length; at++) {
      const place = found[at];
      const spec = places.specs[place];
      const value = places.values[place];
      if (spec?.kind !== 'scalar' || !takesType(spec, 'address') || !spec.schemes) continue;
      if (
        !isScalar(value) ||
        typeof value.value !== 'string' ||
        places.templated[place] ||
        !hasRange(value)
      )
        continue;

      const verdict = checkAddress(
        value.value,
        spec.schemes,
        spec.defaultScheme ?? spec.schemes[0],
      );
      const reason = verdict.valid
        ? serverPathProblem(
            places.visit(place).pathText,
            verdict.address.scheme,
            verdict.address.path,
          )
        : verdict.reason;
      if (!reason) continue;

      findings.push({
        ruleId: this.id,
        severity: 'error',
        message: `${places.visit(place).pathText} is not a valid address for this option: ${reason}.`,
        start: value.range[0],
        end: value.range[1],
      });
    }
    return findings;
  },
};

/** Authelia serves under at most one path segment of letters and digits. */
function serverPathProblem(path: string, scheme: string, addressPath: string): string | undefined {
  if (path !== 'server.address' || scheme === 'unix' || scheme === 'fd') return undefined;
  if (addressPath === '' || addressPath === '/') return undefined;
  if (/^\/[a-zA-Z0-9]+\/?$/.test(addressPath)) return undefined;
  return 'the path may be one segment of letters and digits only, such as /authelia';
}
