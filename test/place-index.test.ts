import assert from 'node:assert/strict';
import { ConfigDocument } from '../server/src/engine';
import { walkConfig } from '../server/src/engine/model-walk';
import { generateConfig } from '../bench/generate.mjs';
import { indexPlaces, placesWithFeature, type SpecFeature } from '../server/src/engine/place-index';
import { yaml } from './support/lint';

describe('indexPlaces', () => {
  const text = yaml`
    authentication_backend:
      refresh_interval: 5m
      ldap:
        address: ldaps://ldap.example.com
        url: ldaps://ldap.example.com
        implementation: custom
    session:
      name: authelia
  `;
  const visits = walkConfig(new ConfigDocument(text), '4.39');
  const index = indexPlaces(visits);
  const paths = (feature: SpecFeature) =>
    index[feature].map((place) => visits.visit(place).pathText);

  it('sorts the places by what the model says of their keys, in document order', () => {
    assert.deepEqual(paths('duration'), ['authentication_backend.refresh_interval']);
    assert.deepEqual(paths('address'), ['authentication_backend.ldap.address']);
    assert.deepEqual(paths('deprecated'), ['authentication_backend.ldap.url']);
    assert.ok(paths('versioned').includes('authentication_backend.ldap.address'));
    assert.ok(paths('values').includes('authentication_backend.ldap.implementation'));
  });

  it('leaves out places without such a feature', () => {
    const indexed = new Set(Object.values(index).flat());
    const name = visits.find((visit) => visit.pathText === 'session.name')!;
    assert.equal(indexed.has(name.index), false);
    assert.deepEqual(paths('removed'), []);
  });

  it('finds, one feature at a time, the places the whole index holds', () => {
    const large = walkConfig(
      new ConfigDocument(generateConfig({ rules: 300, broken: true })),
      '4.39',
    );
    for (const places of [visits, large]) {
      const whole = indexPlaces(places);
      for (const feature of Object.keys(whole) as SpecFeature[]) {
        assert.deepEqual(placesWithFeature(places, feature), whole[feature], feature);
      }
    }
    assert.ok(indexPlaces(large).values.length > 300, 'the large config has places to find');
  });
});
