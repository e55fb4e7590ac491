import assert from 'node:assert/strict';
import { DEFAULT_FILE_GLOBS } from '../server/src/engine';
import { sameLintOptions, toLintOptions } from '../server/src/settings';

describe('settings', () => {
  it('turns raw settings into lint options, dropping what is not understood', () => {
    assert.deepEqual(toLintOptions({ deployment: 'single', version: 'v4.38', files: ['a', 1] }), {
      deployment: 'single',
      version: '4.38',
      files: ['a'],
    });
    assert.deepEqual(toLintOptions(null), {
      deployment: undefined,
      version: undefined,
      files: DEFAULT_FILE_GLOBS,
    });
  });

  it('tells whether two sets of options check a file the same way', () => {
    const defaults = toLintOptions(undefined);
    assert.equal(sameLintOptions(defaults, toLintOptions({})), true);
    assert.equal(sameLintOptions(defaults, { files: [...DEFAULT_FILE_GLOBS] }), true);
    assert.equal(sameLintOptions(defaults, toLintOptions({ deployment: 'single' })), false);
    assert.equal(sameLintOptions(defaults, toLintOptions({ version: '4.37' })), false);
    assert.equal(sameLintOptions(defaults, toLintOptions({ files: ['**/*.yml'] })), false);
    const reversed = [...DEFAULT_FILE_GLOBS].reverse();
    assert.equal(sameLintOptions(defaults, { files: reversed }), false);
  });
});
