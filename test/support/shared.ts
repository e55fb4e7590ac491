import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The shared folder with Authelia's facts, corpus and cases lives beside the project in a
 * checkout (`../shared`) and beside the clone in CI. Tests that need it find it here.
 */
export const SHARED_DIR = [
  join(__dirname, '..', '..', '..', 'shared'),
  join(process.cwd(), '..', 'shared'),
].find((candidate) => existsSync(join(candidate, 'cases')));
