import { takesType, type KeySpec } from './model';
import type { Places } from './model-walk';

/** What the model says of a key that some rules look for, and no other place has. */
export type SpecFeature =
  /** The key was removed from Authelia. */
  | 'removed'
  /** The key is deprecated. */
  | 'deprecated'
  /** The key exists only from or until some version. */
  | 'versioned'
  /** A scalar that may be a duration. */
  | 'duration'
  /** A scalar that may be an address. */
  | 'address'
  /** A scalar with a list of allowed values. */
  | 'values'
  /** A scalar with a lower or upper bound. */
  | 'bounds';

/** The indexes of the places of each feature, in document order. */
export type PlaceIndex = Record<SpecFeature, number[]>;

/** Whether a spec has each feature. */
const HAS_FEATURE: Record<SpecFeature, (spec: KeySpec) => boolean> = {
  removed: (spec) => !!spec.removed,
  deprecated: (spec) => !!spec.deprecated,
  versioned: (spec) => !!(spec.since || spec.until),
  duration: (spec) => spec.kind === 'scalar' && takesType(spec, 'duration'),
  address: (spec) => spec.kind === 'scalar' && takesType(spec, 'address'),
  values: (spec) => spec.kind === 'scalar' && !!spec.values,
  bounds: (spec) => spec.kind === 'scalar' && (spec.min !== undefined || spec.max !== undefined),
};

/**
 * Sorts the places from `from` to `to` by the features of their specs, in one pass. Most rules
 * about the values of keys care about a few hundred places of a large config's tens of
 * thousands; each looping over all of them cost more, in the first lint of a fresh server,
 * than this one pass does.
 */
export function indexPlaces(places: Places, from = 0, to = places.length): PlaceIndex {
  const index = emptyIndex();
  const specs = places.specs;
  for (let place = from; place < to; place++) {
    const spec = specs[place];
    if (spec) addToIndex(index, place, spec);
  }
  return index;
}

/** An index without places. */
export function emptyIndex(): PlaceIndex {
  return {
    removed: [],
    deprecated: [],
    versioned: [],
    duration: [],
    address: [],
    values: [],
    bounds: [],
  };
}

/** Adds a place to the lists of its spec's features, after the places added before it. */
export function addToIndex(index: PlaceIndex, place: number, spec: KeySpec): void {
  const features = featuresOf(spec);
  if (features === 0) return;
  for (let feature = 0; feature < FEATURES.length; feature++) {
    if (features & (1 << feature)) index[FEATURES[feature]].push(place);
  }
}

/** The features, in the order of their bits in `featuresOf`. */
const FEATURES = Object.keys(HAS_FEATURE) as SpecFeature[];

/** The features of each spec met so far, one bit each. */
const FEATURE_BITS = new Map<KeySpec, number>();

/**
 * The features of a spec, as bits in the order of `FEATURES`. A config has tens of thousands
 * of places but a few hundred specs: asking each spec once, and a table at each place, was
 * faster in a first check than asking every place's spec.
 */
function featuresOf(spec: KeySpec): number {
  let features = FEATURE_BITS.get(spec);
  if (features === undefined) {
    features = 0;
    for (let feature = 0; feature < FEATURES.length; feature++) {
      if (HAS_FEATURE[FEATURES[feature]](spec)) features |= 1 << feature;
    }
    FEATURE_BITS.set(spec, features);
  }
  return features;
}

/**
 * The places with one feature. After a keystroke only the rules that are not local look at
 * every place, and they ask for one or two features: the whole index would be most of the
 * places, sorted again at every keystroke for nothing.
 */
export function placesWithFeature(places: Places, feature: SpecFeature): number[] {
  const hasFeature = HAS_FEATURE[feature];
  const specs = places.specs;
  const found: number[] = [];
  for (let place = 0; place < specs.length; place++) {
    const spec = specs[place];
    if (spec && hasFeature(spec)) found.push(place);
  }
  return found;
}
