import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine';
import { findingsOf, onlyFinding } from '../support/lint';
import { withAccessRules } from '../support/acl';

const RULE = 'acl/networks';

/** A config with the given extra sections and one rule whose networks are the given YAML value. */
function withNetworks(networks: string, sections = ''): string {
  return withAccessRules(
    "    - domain: 'internal.example.com'\n      policy: one_factor\n" +
      `      networks: ${networks}\n`,
    sections,
  );
}

const definitions = "definitions:\n  network:\n    office: ['192.168.0.0/16', '2001:db8::/32']\n";

describe(RULE, () => {
  it('stays silent on IP addresses and CIDR ranges of both families', () => {
    const text = withNetworks(
      "['10.0.0.1', '10.0.0.0/8', '192.168.1.0/24', '::1', '2001:db8::/48', 'fe80::1/128']",
    );
    assert.deepEqual(findingsOf(text, RULE), []);
    assert.equal(lint(text).checked, true);
  });

  it('accepts names from definitions.network', () => {
    assert.deepEqual(findingsOf(withNetworks("['office']", definitions), RULE), []);
  });

  it('accepts names from the legacy access_control.networks', () => {
    const text = withNetworks("['vpn']").replace(
      "  default_policy: 'deny'\n",
      "  default_policy: 'deny'\n  networks:\n    - name: 'vpn'\n      networks: ['10.8.0.0/24']\n",
    );
    assert.deepEqual(findingsOf(text, RULE), []);
  });

  it('fires as an error on an unknown name and on malformed addresses', () => {
    const text = withNetworks("['office', 'lan', '300.1.1.1', '10.0.0.0/33', 'beef']", definitions);
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'lan'", line: 13 },
      { ruleId: RULE, severity: 'error', text: "'300.1.1.1'", line: 13 },
      { ruleId: RULE, severity: 'error', text: "'10.0.0.0/33'", line: 13 },
      { ruleId: RULE, severity: 'error', text: "'beef'", line: 13 },
    ]);
    assert.deepEqual(
      lint(text)
        .findings.filter((finding) => finding.ruleId === RULE)
        .map((finding) => finding.message)[0],
      "'lan' is not an IP address, a CIDR range or a defined network name.",
    );
  });

  it('fires on a misspelt name given as a single scalar', () => {
    const text = withNetworks('offices', definitions);
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: 'offices', line: 13 },
    ]);
  });

  it('checks the values of definitions.network too', () => {
    const text = withNetworks(
      "['office']",
      "definitions:\n  network:\n    office: ['192.168.0.0/16', 'nowhere']\n",
    );
    assert.deepEqual(findingsOf(text, RULE), [
      { ruleId: RULE, severity: 'error', text: "'nowhere'", line: 7 },
    ]);
    assert.equal(
      onlyFinding(text, RULE).message,
      "'nowhere' is not an IP address, a CIDR range or a defined network name.",
    );
  });

  it('leaves template text and an empty value alone', () => {
    const text = withNetworks(
      '\n        - \'{{ env "SUITE_SUBNET" }}.202/32\'\n        - \'{{ env "SUITE_SUBNET" }}.203/32\'',
    );
    assert.deepEqual(findingsOf(text, RULE), []);
    assert.deepEqual(findingsOf(withNetworks(''), RULE), []);
  });
});
