import type { ConfigDocument } from './config-document';
import type { AutheliaVersion, Deployment, Finding } from './finding';
import { endOfPlacesBelow, placeOf, rewalk, walkConfig, type Places } from './model-walk';
import { indexPlaces, placesWithFeature, type SpecFeature } from './place-index';

/** What every rule gets: the parsed config and what to check it for. */
export class RuleContext {
  private walked: Places | undefined;

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
   * The indexes of the scoped node's place and the places below it, from the first up to the
   * second, or of every place when there is no scope. Rules loop over them by index.
   */
  scopedPlaces(): [from: number, to: number] {
    const all = this.places();
    if (this.scope === undefined) return [0, all.length];
    return this.memo('scoped places', () => {
      const first = placeOf(all, this.scope);
      return first < 0 ? [0, 0] : [first, endOfPlacesBelow(all, first)];
    });
  }

  /**
   * The indexes of the places among `scopedPlaces()` whose spec has a feature, for rules that
   * look only at those: sorted once per lint for all features together, except for the rules
   * that still see every place in a partial lint, which get the features they ask for one at a
   * time.
   */
  placesWith(feature: SpecFeature): number[] {
    if (this.scope === undefined && this.partial) {
      return this.memo(`places with ${feature}`, () => placesWithFeature(this.places(), feature));
    }
    if (this.scope === undefined) {
      const places = this.places();
      return this.memo('place index all', () => places.index ?? indexPlaces(places))[feature];
    }
    return this.memo('place index scoped', () =>
      indexPlaces(this.places(), ...this.scopedPlaces()),
    )[feature];
  }

  /** The config matched against the key model, walked once and shared by every rule. */
  places(): Places {
    if (!this.walked) {
      this.walked =
        this.patchedWalk() ?? this.walkOfParse() ?? walkConfig(this.config, this.version);
      this.config.walk = { version: this.version, places: this.walked };
      this.config.splice = undefined;
    }
    return this.walked;
  }

  /** The walk the parse made of this very tree, for this version. */
  private walkOfParse(): Places | undefined {
    const walk = this.config.walk;
    return !this.config.splice && walk?.version === this.version ? walk.places : undefined;
  }

  /** After an incremental re-parse, the previous walk with only the replaced part walked again. */
  private patchedWalk(): Places | undefined {
    const splice = this.config.splice;
    const previous = splice?.from.walk;
    if (!splice || previous?.version !== this.version) return undefined;
    return rewalk(
      this.config,
      previous.places as Places,
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
