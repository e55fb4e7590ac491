import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * V8 keeps a source with any character beyond ASCII at two bytes a character, and the server
 * holds its source for as long as it runs: one micro sign in a regular expression doubled it
 * to about 1 MB. `npm test` builds dist/ before it runs the tests.
 */
describe('bundles', () => {
  for (const bundle of ['language-server.js', 'server.js', 'cli.js']) {
    it(`dist/${bundle} is ASCII only`, () => {
      const text = readFileSync(join(__dirname, '..', 'dist', bundle), 'latin1');
      const beyond = /[^\x00-\x7f]/.exec(text);
      assert.equal(
        beyond && text.slice(Math.max(0, beyond.index - 40), beyond.index + 10),
        null,
        'a character beyond ASCII: write it as an escape',
      );
    });
  }

  /*
   * With class fields declared, as TypeScript emits for ES2022 unless tsconfig.json says
   * otherwise, V8 runs an extra initializer that defines every field before the constructor
   * assigns it: for each of the 120,000 nodes and 65,000 places of a 43,000-line config.
   */
  it('dist/language-server.js assigns the fields of its classes instead of declaring them', () => {
    const text = readFileSync(join(__dirname, '..', 'dist', 'language-server.js'), 'utf8');
    assert.match(text, /this\.startOffset=/);
    assert.doesNotMatch(text, /[;{}]startOffset;/);
  });
});
