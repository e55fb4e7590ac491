import type { ConfigDocument } from './config-document';
import type { AutheliaVersion, Deployment, Finding } from './finding';
import { rewalk, walkConfig, type Visit } from './model-walk';

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
    if (!this.walked) {
      this.walked = this.patchedWalk() ?? walkConfig(this.config, this.version);
      this.config.walk = { version: this.version, visits: this.walked };
      this.config.splice = undefined;
    }
    return this.walked;
  }

  /** After an incremental re-parse, the previous walk with only the replaced part walked again. */
  private patchedWalk(): Visit[] | undefined {
    const splice = this.config.splice;
    const previous = splice?.from.walk;
    if (!splice || previous?.version !== this.version) return undefined;
    return rewalk(
      this.config,
      previous.visits as Visit[],
      splice.replaced,
      splice.replacement,
      this.version,
    );
  }
}

/** One check. Its id is the diagnostic code; its file is named after the id. */
export interface Rule {
  id: string;
  check(context: RuleContext): Finding[];
}
