import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Finding } from '../../finding';
import type { Rule, RuleContext } from '../../rule';

/**
 * `yaml/syntax`: text that is not valid YAML. Authelia refuses to start on it. The rest of the
 * document is still checked as far as the parser could read it. Messages are our own words
 * per parser error code: the parser's own messages may quote the text, which can be a secret.
 */
export const yamlSyntax: Rule = {
  id: 'yaml/syntax',

  check({ config }: RuleContext): Finding[] {
    const length = config.text.length;
    return config.document.errors
      .filter((error) => error.code !== 'DUPLICATE_KEY')
      .map((error) => {
        const opening =
          error.code === 'MISSING_CHAR' ? unclosedQuote(config, error.pos[0]) : undefined;
        if (opening !== undefined) {
          return {
            ruleId: this.id,
            severity: 'error' as const,
            message: 'YAML syntax error: this quoted string is never closed.',
            start: opening,
            end: config.lineEnd(opening),
          };
        }
        const start = Math.min(error.pos[0], length);
        const end = Math.min(Math.max(error.pos[1], start + 1), Math.max(length, start));
        return {
          ruleId: this.id,
          severity: 'error',
          message: `YAML syntax error: ${SYNTAX_MESSAGES[error.code] ?? GENERIC_MESSAGE}`,
          start,
          end,
        };
      });
  },
};

/**
 * Where a quoted string that runs to `errorAt` was opened, so the finding sits on the line the
 * author has to fix rather than at the end of the file.
 */
function unclosedQuote(config: RuleContext['config'], errorAt: number): number | undefined {
  let found: number | undefined;
  const visit = (node: unknown): void => {
    if (isPair(node)) {
      visit(node.key);
      visit(node.value);
    } else if (isScalar(node)) {
      const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
      if (quoted && node.range && node.range[1] >= errorAt - 1 && node.range[1] <= errorAt + 1) {
        found = node.range[0];
      }
    } else if (isMap(node) || isSeq(node)) {
      for (let index = 0; index < node.items.length; index++) visit(node.items[index]);
    }
  };
  visit(config.document.contents);
  return found;
}

const GENERIC_MESSAGE = 'the YAML parser cannot read the text here.';

const SYNTAX_MESSAGES: Record<string, string> = {
  BAD_ALIAS: 'this alias (*name) is not valid.',
  BAD_DIRECTIVE: 'this % directive is not valid.',
  BAD_DQ_ESCAPE: 'a backslash escape in this double-quoted string is not valid.',
  BAD_INDENT: 'the indentation here does not match the lines around it.',
  BAD_PROP_ORDER: 'an anchor or tag is in the wrong place.',
  BAD_SCALAR_START: 'a plain value cannot start with this character; quote it.',
  BLOCK_AS_IMPLICIT_KEY: 'a block value cannot be used as a key.',
  BLOCK_IN_FLOW: 'block syntax cannot be used inside { } or [ ].',
  IMPOSSIBLE: 'the parser hit a state it cannot handle.',
  KEY_OVER_1024_CHARS: 'a key without a ? marker must be shorter than 1024 characters.',
  MISSING_CHAR: 'a closing character is missing (a quote, bracket or brace).',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line.',
  MULTIPLE_ANCHORS: 'a value can carry only one anchor.',
  MULTIPLE_DOCS: 'the file holds several YAML documents; Authelia reads one.',
  MULTIPLE_TAGS: 'a value can carry only one tag.',
  NON_STRING_KEY: 'a key must be a plain string.',
  TAB_AS_INDENT: 'tabs cannot be used for indentation; use spaces.',
  TAG_RESOLVE_FAILED: 'this tag cannot be resolved.',
  UNEXPECTED_TOKEN: 'unexpected text here; check the indentation and the characters before it.',
  BAD_COLLECTION_TYPE: 'this collection does not match its tag.',
};
