import { compareVersions, type AutheliaVersion } from '../finding';
import { accessControl } from './sections/access-control';
import { authenticationBackend } from './sections/authentication-backend';
import { definitions } from './sections/definitions';
import { duoApi } from './sections/duo-api';
import { identityProviders } from './sections/identity-providers';
import { identityValidation } from './sections/identity-validation';
import { log } from './sections/log';
import { notifier } from './sections/notifier';
import { ntp } from './sections/ntp';
import { passwordPolicy } from './sections/password-policy';
import { privacyPolicy } from './sections/privacy-policy';
import { regulation } from './sections/regulation';
import { rootScalars } from './sections/root';
import { server } from './sections/server';
import { session } from './sections/session';
import { storage } from './sections/storage';
import { telemetry } from './sections/telemetry';
import { totp } from './sections/totp';
import { webauthn } from './sections/webauthn';
import { map, type KeySpec, type MapSpec, type ScalarType } from './types';

export * from './types';

/** The whole configuration file, from its root. */
export const CONFIGURATION: MapSpec = map('An Authelia configuration file.', {
  ...rootScalars,
  server,
  log,
  telemetry,
  totp,
  webauthn,
  duo_api: duoApi,
  identity_validation: identityValidation,
  authentication_backend: authenticationBackend,
  password_policy: passwordPolicy,
  privacy_policy: privacyPolicy,
  session,
  regulation,
  storage,
  notifier,
  ntp,
  access_control: accessControl,
  definitions,
  identity_providers: identityProviders,
});

/** True when a scalar spec accepts values of `type`, among others perhaps. */
export function takesType(spec: KeySpec & { kind: 'scalar' }, type: ScalarType): boolean {
  return typeof spec.type === 'string' ? spec.type === type : spec.type.includes(type);
}

/** True when the target version knows the key (it may still be deprecated there). */
export function knownIn(spec: KeySpec, version: AutheliaVersion): boolean {
  if (spec.since && compareVersions(version, spec.since) < 0) return false;
  if (spec.until && compareVersions(version, spec.until) > 0) return false;
  return true;
}

/** One step of a key path: a key name, a list item, or a name the user chose. */
export type PathStep = string | number;

/**
 * The spec at a path of keys and list indexes, or undefined when the model does not know it.
 * Named entries (`dict`) accept any name.
 */
export function specAt(
  path: readonly PathStep[],
  root: KeySpec = CONFIGURATION,
): KeySpec | undefined {
  let spec: KeySpec | undefined = root;
  for (const step of path) {
    spec = childSpec(spec, step);
    if (!spec) return undefined;
  }
  return spec;
}

/** The spec of one child of a spec. */
export function childSpec(spec: KeySpec | undefined, step: PathStep): KeySpec | undefined {
  if (!spec) return undefined;
  if (spec.kind === 'map' && typeof step === 'string') {
    return Object.hasOwn(spec.keys, step) ? spec.keys[step] : undefined;
  }
  if (spec.kind === 'dict' && typeof step === 'string') return spec.value;
  if (spec.kind === 'list')
    return typeof step === 'number' ? spec.item : childSpec(spec.item, step);
  return undefined;
}

/**
 * The `AUTHELIA_…_FILE` variable that can supply a secret at a path, or undefined when the
 * path runs through a list or a named entry (Authelia cannot set those from the environment).
 */
export function secretFileVariable(path: readonly PathStep[]): string | undefined {
  let spec: KeySpec | undefined = CONFIGURATION;
  for (const step of path) {
    if (typeof step !== 'string' || !spec || spec.kind !== 'map') return undefined;
    spec = spec.keys[step];
  }
  return `AUTHELIA_${path.join('_').toUpperCase()}_FILE`;
}
