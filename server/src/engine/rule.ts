import type { ConfigDocument } from './config-document';
import type { AutheliaVersion, Deployment, Finding } from './finding';
import { walkConfig, type Visit } from './model-walk';

/** What every rule gets: the parsed config and what to check it for. */
export class RuleContext {
  private walked: Visit[] | undefined;

  constructor(
    readonly config: ConfigDocument,
    readonly deployment: Deployment,
    readonly version: AutheliaVersion,
    /**
     * The file is one piece of a config that Authelia merges from several files: sections it
     * lacks may live in the other files, so their absence is not reported.
     */
    readonly fragment = false,
  ) {}

  private readonly memos = new Map<string, unknown>();

  /** A value several rules need, computed once per lint under `key`. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** The config matched against the key model, walked once and shared by every rule. */
  visits(): Visit[] {
    this.walked ??= walkConfig(this.config, this.version);
    return this.walked;
  }
}

/** One check. Its id is the diagnostic code; its file is named after the id. */
export interface Rule {
  id: string;
  check(context: RuleContext): Finding[];
}
