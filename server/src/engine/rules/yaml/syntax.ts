import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';

/**
 * `yaml/syntax`: text that is not valid YAML. Authelia refuses to start on it. The rest of the
 * document is still checked as far as the parser could read it.
 */
export const yamlSyntax: Rule = {
  id: 'yaml/syntax',

  check({ config }: RuleContext): Finding[] {
    const length = config.text.length;
    return config.document.errors
      .filter((error) => error.code !== 'DUPLICATE_KEY')
      .map((error) => {
        const start = Math.min(error.pos[0], length);
        const end = Math.min(Math.max(error.pos[1], start + 1), Math.max(length, start));
        return {
          ruleId: this.id,
          severity: 'error',
          message: `YAML syntax error: ${withoutSource(error.message)}`,
          start,
          end,
        };
      });
  },
};

/**
 * Some parser messages quote the offending token. It may be part of a secret, so the quote
 * is dropped and only the parser's own words are kept.
 */
function withoutSource(message: string): string {
  return message.replace(/:\s*".*$/s, '').replace(/\s+/g, ' ').trim();
}
