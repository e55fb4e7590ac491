// esbuild options shared by dist/ (scripts/build.mjs) and the benchmark's engine bundles, so
// the benchmark measures the code users run.

/**
 * `yaml` as ES modules: its CommonJS build makes every call to `isMap`, `isScalar` and the
 * like go through an export getter in the bundle, which cost about a tenth of a re-check on
 * large configs. The ES module build is the same code.
 */
export const alias = { yaml: './node_modules/yaml/browser/index.js' };
