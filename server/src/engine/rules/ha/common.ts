import type { ConfigDocument } from '../../config-document';
import { compareVersions, type AutheliaVersion, type Fix, type TextEdit } from '../../finding';
import { mergeEdits, setValue } from '../../yaml-edits';

/** Authelia's page on running without local state. Every `ha/*` finding links to it. */
export const STATELESSNESS_URL = 'https://www.authelia.com/overview/authorization/statelessness/';

export const SINGLE_INSTANCE_FIX_TITLE = 'This deployment runs a single instance';

/** Marks the file as a single-instance deployment, which turns most `ha/*` findings off. */
export function singleInstanceFix(config: ConfigDocument): Fix {
  return {
    title: SINGLE_INSTANCE_FIX_TITLE,
    edits: [{ start: 0, end: 0, newText: `# authelia-lint: deployment=single${config.eol}` }],
  };
}

/** Key paths of the file backend's switches. */
export const PASSWORD_RESET_DISABLE = ['authentication_backend', 'password_reset', 'disable'];
export const LEGACY_RESET_DISABLE = ['authentication_backend', 'disable_reset_password'];
export const PASSWORD_CHANGE_DISABLE = ['authentication_backend', 'password_change', 'disable'];
export const FILE_WATCH = ['authentication_backend', 'file', 'watch'];

/** How the file backend is set up, as far as writing and watching the users file go. */
export interface FileBackendState {
  resetEnabled: boolean;
  /** Password change exists from 4.39 on; earlier versions report false. */
  changeEnabled: boolean;
  watchEnabled: boolean;
}

export function fileBackendState(
  config: ConfigDocument,
  version: AutheliaVersion,
): FileBackendState {
  const resetDisabled =
    config.isTrue(PASSWORD_RESET_DISABLE) || config.isTrue(LEGACY_RESET_DISABLE);
  return {
    resetEnabled: !resetDisabled,
    changeEnabled: hasPasswordChange(version) && !config.isTrue(PASSWORD_CHANGE_DISABLE),
    watchEnabled: config.isTrue(FILE_WATCH),
  };
}

/** `authentication_backend.password_change` came with 4.39. */
export function hasPasswordChange(version: AutheliaVersion): boolean {
  return compareVersions(version, '4.39') >= 0;
}

/** The edit that turns password reset off, on the key the file already uses. */
export function disableResetEdit(config: ConfigDocument): TextEdit | undefined {
  const legacy = config.entryAt(LEGACY_RESET_DISABLE);
  if (legacy && !config.entryAt(['authentication_backend', 'password_reset'])) {
    return setValue(config, LEGACY_RESET_DISABLE, 'true');
  }
  return setValue(config, PASSWORD_RESET_DISABLE, 'true');
}

export function disableChangeEdit(config: ConfigDocument): TextEdit | undefined {
  return setValue(config, PASSWORD_CHANGE_DISABLE, 'true');
}

export function disableWatchEdit(config: ConfigDocument): TextEdit | undefined {
  return setValue(config, FILE_WATCH, 'false');
}

export const KEEP_FILE_BACKEND_FIX_TITLE =
  'Keep the file backend: disable password reset, password change and watching';

/** Writes whichever of the three switches is still missing, in one fix. */
export function keepFileBackendFix(
  config: ConfigDocument,
  version: AutheliaVersion,
): Fix | undefined {
  const state = fileBackendState(config, version);
  const edits = mergeEdits([
    state.resetEnabled ? disableResetEdit(config) : undefined,
    state.changeEnabled ? disableChangeEdit(config) : undefined,
    state.watchEnabled ? disableWatchEdit(config) : undefined,
  ]);
  return edits.length > 0 ? { title: KEEP_FILE_BACKEND_FIX_TITLE, edits } : undefined;
}

/** A fix from one optional edit. */
export function fixOf(title: string, edit: TextEdit | undefined, preferred = false): Fix[] {
  return edit ? [{ title, edits: [edit], preferred }] : [];
}
