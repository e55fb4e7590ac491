import type { Rule } from '../rule';
import { aclMethods } from './acl/methods';
import { aclNetworks } from './acl/networks';
import { aclQuery } from './acl/query';
import { bypassWithSubject } from './acl/bypass-with-subject';
import { noRules } from './acl/no-rules';
import { ruleShape } from './acl/rule-shape';
import { aclSubject } from './acl/subject';
import { configConflict } from './config/conflict';
import { configMinLength } from './config/min-length';
import { providerCount } from './config/provider-count';
import { configRequired } from './config/required';
import { configValue } from './config/value';
import { authFile } from './ha/auth-file';
import { authFilePasswordChange } from './ha/auth-file-password-change';
import { authFilePasswordReset } from './ha/auth-file-password-reset';
import { authFileWatch } from './ha/auth-file-watch';
import { notifierFilesystem } from './ha/notifier-filesystem';
import { sessionMemory } from './ha/session-memory';
import { storageSqlite } from './ha/storage-sqlite';
import { schemaAddress } from './schema/address';
import { deprecatedKey } from './schema/deprecated-key';
import { deprecatedKeyConflict } from './schema/deprecated-key-conflict';
import { schemaDuration } from './schema/duration';
import { schemaEnum } from './schema/enum';
import { removedKey } from './schema/removed-key';
import { schemaType } from './schema/type';
import { unknownKey } from './schema/unknown-key';
import { schemaVersion } from './schema/version';
import { secretMissing } from './secret/missing';
import { yamlDuplicateKey } from './yaml/duplicate-key';
import { yamlSyntax } from './yaml/syntax';

/** Every rule the engine runs. Findings are reported by position; ties keep this order. */
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
  unknownKey,
  schemaVersion,
  removedKey,
  deprecatedKey,
  deprecatedKeyConflict,
  schemaType,
  schemaEnum,
  schemaDuration,
  schemaAddress,
  providerCount,
  configRequired,
  secretMissing,
  configMinLength,
  configConflict,
  configValue,
  noRules,
  ruleShape,
  bypassWithSubject,
  aclSubject,
  aclMethods,
  aclNetworks,
  aclQuery,
];
