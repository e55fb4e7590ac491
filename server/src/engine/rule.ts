import type { ConfigDocument } from './config-document';
import type { AutheliaVersion, Deployment, Finding } from './finding';

/** What every rule gets: the parsed config and what to check it for. */
export interface RuleContext {
  config: ConfigDocument;
  deployment: Deployment;
  version: AutheliaVersion;
}

/** One check. Its id is the diagnostic code; its file is named after the id. */
export interface Rule {
  id: string;
  check(context: RuleContext): Finding[];
}
