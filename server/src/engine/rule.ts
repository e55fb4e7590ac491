import type { ConfigDocument } from './config-document';
import type { AutheliaVersion, Deployment, Finding } from './finding';
import { endOfPlacesBelow, placeOf, rewalk, walkConfig, type Visit } from './model-walk';
import { indexVisits, visitsWithFeature, type SpecFeature } from './visit-index';

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

  /**
   * True in a lint that checks only the edited list item again with the local rules: the other
   * rules still see every place, but only a few features of them.
   */
  partial = false;

  /**
   * When set, local rules check only this node (a list item an edit replaced) and the places
   * below it; everything else keeps its earlier findings.
   */
  scope: unknown;

  /**
   * The scoped node's place and the places below it, or every place when there is no scope.
   * Rules loop over it by index: a for-of loop that V8 has not optimised yet (the first lint in
   * a fresh server) allocates a result object at each of tens of thousands of places.
   */
  scopedVisits(): Visit[] {
    const all = this.visits();
    if (this.scope === undefined) return all;
    return this.memo('scoped visits', () => {
      const first = placeOf(all, this.scope);
      return first < 0 ? [] : all.slice(first, endOfPlacesBelow(all, first));
    });
  }

  /**
   * The places among `scopedVisits()` whose spec has a feature, for rules that look only at
   * those: sorted once per lint for all features together, except for the rules that still
   * see every place in a partial lint, which get the features they ask for one at a time.
   */
  visitsWith(feature: SpecFeature): Visit[] {
    if (this.scope === undefined && this.partial) {
      return this.memo(`visits with ${feature}`, () => visitsWithFeature(this.visits(), feature));
    }
    const scoped = this.scope === undefined ? 'all' : 'scoped';
    return this.memo(`visit index ${scoped}`, () => indexVisits(this.scopedVisits()))[feature];
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
  /**
   * Its findings depend only on the list item or key they sit in, and its fixes edit only
   * there: after an edit inside one list item, only that item needs checking again.
   */
  local?: boolean;
  check(context: RuleContext): Finding[];
}
