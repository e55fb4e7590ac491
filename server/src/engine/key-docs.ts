import { compareVersions, type AutheliaVersion } from './finding';
import { secretFileVariable, type KeySpec, type PathStep } from './model';
import { expectedWords, scalarTypes } from './rules/schema/common';

/**
 * Markdown that documents one key from the model: summary, type, default, allowed values, the
 * version it arrived in, and for a deprecated key its replacement. Shared by hovers and
 * completion. Never shows a value from the file.
 */
export function keyDocs(
  spec: KeySpec,
  path: readonly PathStep[],
  version: AutheliaVersion,
): string {
  const title = path
    .map((step) => (typeof step === 'number' ? '[]' : step))
    .join('.')
    .replace(/\.\[\]/g, '[]');
  const lines = [`**\`${title}\`** · ${expectedWords(spec)}`, spec.summary];

  const facts: string[] = [];
  if (spec.default !== undefined && spec.default !== '')
    facts.push(`Default: \`${String(spec.default)}\``);
  if (spec.kind === 'scalar' && spec.values?.length) {
    const values = spec.values.filter((value) => value !== '').map((value) => `\`${value}\``);
    facts.push(
      `${scalarTypes(spec).includes('duration') ? 'Also' : 'Allowed'}: ${values.join(', ')}`,
    );
  }
  if (spec.kind === 'scalar' && spec.schemes)
    facts.push(`Schemes: ${spec.schemes.map((s) => `\`${s}\``).join(', ')}`);
  if (spec.kind === 'scalar' && (spec.min !== undefined || spec.max !== undefined)) {
    facts.push(`Range: ${spec.min ?? '…'} to ${spec.max ?? '…'}`);
  }
  facts.push(spec.since ? `Since ${spec.since}` : 'In 4.37 and later');
  if (spec.until) facts.push(`Last in ${spec.until}`);
  lines.push(facts.join(' · '));

  if (spec.since && compareVersions(version, spec.since) < 0) {
    lines.push(`⚠ Not known to Authelia ${version}: it arrived in ${spec.since}.`);
  }
  if (spec.deprecated) {
    const replacement = spec.deprecated.replacement
      ? `: use \`${spec.deprecated.replacement}\``
      : '';
    lines.push(`**Deprecated** since ${spec.deprecated.since}${replacement}.`);
  }
  if (spec.removed) lines.push(`**Removed:** ${spec.removed}`);
  if (spec.experimental) lines.push('_Experimental._');
  if (spec.secret) {
    const variable = secretFileVariable(
      path.filter((step): step is string => typeof step === 'string'),
    );
    const fromList = path.some((step) => typeof step === 'number');
    lines.push(
      fromList || !variable
        ? 'Secret: keep it out of version control (a list item cannot come from a `_FILE` variable).'
        : `Secret: better supplied with \`${variable}\` than written here.`,
    );
  }
  return lines.join('\n\n');
}
