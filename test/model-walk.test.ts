import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { isMap, isSeq, type Pair } from 'yaml';
import { ConfigDocument, lint } from '../server/src/engine';
import { shiftOffsets } from '../server/src/engine/block-yaml';
import { ParseWalk, Places, placeOf, walkConfig } from '../server/src/engine/model-walk';
import { list, map, str } from '../server/src/engine/model/types';
import { indexPlaces } from '../server/src/engine/place-index';
import { yaml } from './support/lint';
import { random } from './support/random';
import { SHARED_DIR, yamlFilesIn } from './support/shared';
import { generateConfig } from '../bench/generate.mjs';
import { RuleContext } from '../server/src/engine/rule';

describe('placeOf', () => {
  const text = yaml`
    session:
      cookies:
        - domain: example.com
          authelia_url: https://auth.example.com
        - domain: example.org
    access_control:
      rules:
        - domain: a.example.com
          policy: bypass
        - domain: b.example.com
          policy: two_factor
  `;
  const config = new ConfigDocument(text);
  const visits = walkConfig(config, '4.39');
  const rules = config.valueAt(['access_control', 'rules']);
  assert.ok(isSeq(rules));
  const secondRule = rules.items[1];
  assert.ok(isMap(secondRule));
  const policy = secondRule.items[1] as Pair;

  it('finds the place of a list item and of an entry', () => {
    assert.equal(visits.visit(placeOf(visits, secondRule)).pathText, 'access_control.rules[1]');
    assert.equal(visits.visit(placeOf(visits, policy)).pathText, 'access_control.rules[1].policy');
  });

  it('tells a list item from the first entry that starts with it', () => {
    const first = secondRule.items[0] as Pair;
    const item = placeOf(visits, secondRule);
    assert.equal(placeOf(visits, first), item + 1);
    assert.equal(visits.start(item), visits.start(item + 1));
  });

  it('finds nothing for a node the walk does not show', () => {
    const other = new ConfigDocument(text).valueAt(['access_control', 'rules']);
    assert.equal(placeOf(visits, other), -1);
  });

  it('still finds a place when offsets no longer follow the walk', () => {
    const moved = new ConfigDocument(text);
    const walk = walkConfig(moved, '4.39');
    const cookies = moved.valueAt(['session', 'cookies']);
    assert.ok(isSeq(cookies));
    // As after an edit that moved this item past the rules: its start is now out of order.
    const item = cookies.items[1];
    const shifted = shiftOffsets(item, 0, text.length);
    assert.ok(shifted);
    const index = placeOf(walk, item);
    assert.equal(walk.visit(index).pathText, 'session.cookies[1]');
  });
});

describe('Places', () => {
  /** Every place of a walk as `path: spec kind`, to compare two walks. */
  const described = (places: Places) =>
    Array.from({ length: places.length }, (_, index) => {
      const visit = places.visit(index);
      return `${visit.pathText}: ${visit.spec?.kind ?? 'unknown'}`;
    });

  it('holds more places than its first guess, and no room after the walk', () => {
    const methods = Array.from({ length: 60 }, (_, index) => (index % 2 ? 'GET' : 'PUT'));
    const text = `access_control:\n  rules:\n    - domain: a\n      methods: [${methods}]\n`;
    assert.ok(text.length >> 4 < 60, 'the text is short for its places');

    const places = walkConfig(new ConfigDocument(text), '4.39');
    assert.equal(places.length, 65);
    assert.equal(places.ups.length, 65);
    assert.equal(places.visit(64).pathText, 'access_control.rules[0].methods[59]');
    assert.equal(places.visit(64).up!.pathText, 'access_control.rules[0].methods');
  });

  it('gives back the room it guessed when the walk filled less than half of it', () => {
    const fill = (capacity: number, count: number) => {
      const places = new Places(undefined, 0, capacity);
      for (let index = 0; index < count; index++)
        places.add(-1, index, undefined, index, false, undefined);
      return places;
    };
    const sparse = fill(1000, 3);
    const guessed = sparse.values;
    sparse.trim();
    assert.notEqual(sparse.values, guessed, 'copied out');
    assert.deepEqual(sparse.values, [0, 1, 2]);

    const full = fill(4, 3);
    const column = full.values;
    full.trim();
    assert.equal(full.values, column, 'cut in place');
    assert.deepEqual(full.values, [0, 1, 2]);
  });

  it('after an edit that adds places, holds what a fresh walk of the new text holds', () => {
    const text = yaml`
      access_control:
        rules:
          - domain: a.example.com
            policy: one_factor
            subject: ['group:a']
          - domain: b.example.com
            policy: two_factor
      session:
        name: authelia
    `;
    const first = lint(text);
    const edited = text.replace("subject: ['group:a']", "subject: ['group:a', 'group:b']");
    const second = lint(edited, {}, first.config);
    const places = second.config!.walk!.places as Places;
    assert.equal(places, first.config!.walk!.places, 'the walk was taken over');
    assert.deepEqual(described(places), described(walkConfig(new ConfigDocument(edited), '4.39')));

    const name = places.find((visit) => visit.pathText === 'session.name')!;
    assert.equal(name.up!.pathText, 'session', 'places after the edit keep their parents');
  });
});

describe('the model walk made while parsing', () => {
  const VERSIONS = ['4.37', '4.38', '4.39'] as const;

  /** Every place as its columns, to compare two walks node by node. */
  const rows = (places: Places) =>
    Array.from({ length: places.length }, (_, index) => [
      places.ups[index],
      places.stepAt(index),
      places.specs[index],
      places.values[index],
      places.templated[index],
      places.pairs[index],
    ]);

  /**
   * Compares the walk the fast path made of a text with `walkConfig`'s walk of the same tree,
   * for each version; returns how many of them the fast path made.
   */
  function compareWalks(text: string, label: string): number {
    let made = 0;
    for (const version of VERSIONS) {
      const config = new ConfigDocument(text, undefined, version);
      if (!config.walk) continue;
      made++;
      assert.equal(config.walk.version, version);
      const walked = walkConfig(config, version);
      assert.deepEqual(config.walk.places.index, indexPlaces(walked), `${label}: feature index`);
      const expected = rows(walked);
      const actual = rows(config.walk.places);
      assert.equal(actual.length, expected.length, `${label} for ${version}: number of places`);
      for (let index = 0; index < expected.length; index++) {
        assert.deepEqual(actual[index], expected[index], `${label} for ${version}: place ${index}`);
      }
      assert.equal(config.walk.places.root, config.root);
    }
    return made;
  }

  it('finds the places that walking the finished tree finds, in every config we have', function () {
    const files = [
      ...(SHARED_DIR ? yamlFilesIn(SHARED_DIR) : []),
      ...yamlFilesIn(join(__dirname)),
      join(__dirname, '..', 'examples', 'configuration.yml'),
    ];
    let made = 0;
    for (const file of files) made += compareWalks(readFileSync(file, 'utf8'), file);
    for (const broken of [false, true]) {
      made += compareWalks(generateConfig({ rules: 300, broken }), `generated, broken ${broken}`);
    }
    assert.ok(made > files.length, `the fast path walked ${made} times`);
  });

  it('finds them around merge keys, number keys, templates and lists written as one item', () => {
    const texts = [
      'session:\n  <<: {}\n  name: authelia\n',
      'server:\n  1: one\n  true: yes\n  port: 9091\n',
      'session:\n  secret: \'{{ secret "/run/secret" }}\'\n  name: \'{{ env "NAME" }}\'\n',
      'access_control:\n  rules:\n    - domain: a.example.com\n      networks: 10.0.0.0/8\n',
      'definitions:\n  network:\n    office: 10.0.0.0/8\n    lab: [10.1.0.0/16]\n',
    ];
    for (const text of texts) assert.equal(compareWalks(text, text), VERSIONS.length, text);
  });

  it('walks a mapping written for a one-item list as that item, as walkConfig does', () => {
    const item = map('An item.', { name: str('A name.') });
    const walk = new ParseWalk('', '4.39');
    assert.equal(walk.mappingSpec(list('A list.', item, { allowSingle: true })), item);
    assert.equal(walk.mappingSpec(list('A list.', item)), undefined);
    assert.equal(walk.itemSpec(list('A list.', item)), item);
  });

  it('finds them after random line edits too', function () {
    this.timeout(60_000);
    const next = random(20261204);
    const lines = [
      '    - domain: extra.example.com',
      '      policy: bypass',
      "      subject: ['group:a', 'user:b']",
      '      networks:',
      "        - '10.0.0.0/8'",
      "      methods: ['GET']",
      '      unknown_key: 1',
      '  templated: \'{{ env "X" }}\'',
      '  <<: {}',
      '  1: number key',
      'session:',
      '  cookies:',
      '    domain: example.com',
      '# comment',
      '',
    ];
    const base = generateConfig({ rules: 12, broken: true });
    let made = 0;
    for (let round = 0; round < 400; round++) {
      const text = base.split('\n');
      for (let edit = 0; edit < 1 + Math.floor(next() * 4); edit++) {
        const at = Math.floor(next() * text.length);
        const choice = next();
        if (choice < 0.5) text.splice(at, 0, lines[Math.floor(next() * lines.length)]);
        else if (choice < 0.7) text.splice(at, 1);
        else if (choice < 0.85) text[at] = '  ' + text[at];
        else text.splice(at, 0, text[Math.floor(next() * text.length)]);
      }
      made += compareWalks(text.join('\n'), `round ${round}`);
    }
    assert.ok(made > 300, `the fast path walked ${made} times`);
  });

  it('is the walk the rules get', () => {
    const text = generateConfig({ rules: 20 });
    const config = new ConfigDocument(text, undefined, '4.39');
    const places = new RuleContext(config, 'highAvailability', '4.39').places();
    assert.equal(places, config.walk!.places);

    const other = new RuleContext(config, 'highAvailability', '4.37').places();
    assert.notEqual(other, places, 'another version walks again');
  });
});
