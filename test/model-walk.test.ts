import assert from 'node:assert/strict';
import { isMap, isSeq, type Pair } from 'yaml';
import { ConfigDocument } from '../server/src/engine';
import { shiftOffsets } from '../server/src/engine/block-yaml';
import { placeOf, walkConfig } from '../server/src/engine/model-walk';
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
    assert.equal(visits[placeOf(visits, secondRule)].pathText, 'access_control.rules[1]');
    assert.equal(visits[placeOf(visits, policy)].pathText, 'access_control.rules[1].policy');
  });

  it('tells a list item from the first entry that starts with it', () => {
    const first = secondRule.items[0] as Pair;
    const item = placeOf(visits, secondRule);
    assert.equal(placeOf(visits, first), item + 1);
    assert.equal(visits[item].start, visits[item + 1].start);
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
    assert.equal(walk[index].pathText, 'session.cookies[1]');
  });
});
