import type { Rule } from '../rule';
import { authFile } from './ha/auth-file';
import { authFilePasswordChange } from './ha/auth-file-password-change';
import { authFilePasswordReset } from './ha/auth-file-password-reset';
import { authFileWatch } from './ha/auth-file-watch';
import { notifierFilesystem } from './ha/notifier-filesystem';
import { sessionMemory } from './ha/session-memory';
import { storageSqlite } from './ha/storage-sqlite';
import { yamlDuplicateKey } from './yaml/duplicate-key';
import { yamlSyntax } from './yaml/syntax';

/** Every rule the engine runs, in the order their findings are reported. */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  yamlDuplicateKey,
  sessionMemory,
  storageSqlite,
  notifierFilesystem,
  authFile,
  authFilePasswordReset,
  authFilePasswordChange,
  authFileWatch,
];
