import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { forEachRuleString, forEachString } from './common';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6 = /^[0-9a-f:]+(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/i;

/**
 * `acl/networks`: a network in a rule that is neither an IP address, a CIDR range, nor a name
 * defined under `definitions.network` or `access_control.networks`. Authelia refuses it.
 */
export const aclNetworks: Rule = {
  id: 'acl/networks',

  check(context: RuleContext): Finding[] {
    const { config } = context;
    const names = new Set<string>();
    const definitions = config.mapAt(['definitions', 'network']);
    for (const pair of definitions?.items ?? [])
      if (isScalar(pair.key)) names.add(String(pair.key.value));
    const legacy = config.valueAt(['access_control', 'networks']);
    if (isSeq(legacy)) {
      for (const item of legacy.items) {
        const name = isMap(item) ? config.entry(item, 'name')?.pair.value : undefined;
        if (isScalar(name)) names.add(String(name.value));
      }
    }

    const findings: Finding[] = [];
    const check = (scalar: Scalar, network: string) => {
      const text = network.trim();
      if (names.has(text) || text.includes('{{') || isAddressOrRange(text)) return;
      const [start, end] = scalar.range!;
      findings.push({
        ruleId: this.id,
        severity: 'error',
        message: `'${text}' is not an IP address, a CIDR range or a defined network name.`,
        start,
        end,
      });
    };
    forEachRuleString(context, 'networks', check);
    for (const pair of definitions?.items ?? []) forEachString(pair.value, check);
    return findings;
  },
};

/** An IPv4 or IPv6 address, or a CIDR range of either. */
function isAddressOrRange(text: string): boolean {
  return IPV4.test(text) || (text.includes(':') && IPV6.test(text));
}
