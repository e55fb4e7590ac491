import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The shared folder with Authelia's facts, corpus and cases lives beside the project in a
 * checkout (`../shared`) and beside the clone in CI. Tests that need it find it here.
 */
export const SHARED_DIR = [
  join(__dirname, '..', '..', '..', 'shared'),
  join(process.cwd(), '..', 'shared'),
].find((candidate) => existsSync(join(candidate, 'cases')));

/** The YAML files under a folder, at any depth, outside node_modules. */
export function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : yamlFilesIn(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}
