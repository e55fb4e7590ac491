import assert from 'node:assert/strict';
import { isMap, isSeq, type Pair } from 'yaml';
import { ConfigDocument, lint } from '../server/src/engine';
import { shiftOffsets } from '../server/src/engine/block-yaml';
import { placeOf, walkConfig, type Places } from '../server/src/engine/model-walk';
import { yaml } from './support/lint';

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
