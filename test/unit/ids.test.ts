import { describe, expect, it } from 'vitest';
import { categoryOf, EntityId, idOfStream, streamIdOf } from '../../domain/ids.js';

describe('entity ids', () => {
  it.each([
    'al-susa',
    'sdf-deir-ez-zor-military-council',
    'isis',
    'alquds-2018-11-14',
    '123',
    'c293ec5e-0bf2-4fad-8942-7d95ec907752',
  ])('%s is valid', (id) => {
    expect(EntityId.safeParse(id).success).toBe(true);
  });

  it.each([
    ['Al-Susa', 'uppercase'],
    ['al susa', 'a space'],
    ['al-susa-', 'a trailing hyphen'],
    ['-al-susa', 'a leading hyphen'],
    ['al--susa', 'a double hyphen'],
    ['al_susa', 'an underscore'],
    ['السوسة', 'Arabic script'],
    ['C293EC5E-0BF2-4FAD-8942-7D95EC907752', 'an uppercase UUID'],
    ['', 'nothing'],
    ['a'.repeat(121), 'over 120 characters'],
  ])('%s is invalid (%s)', (id) => {
    expect(EntityId.safeParse(id).success).toBe(false);
  });
});

describe('stream ids', () => {
  it('are the category and the id joined by a hyphen', () => {
    expect(streamIdOf('place', 'al-susa')).toBe('place-al-susa');
  });

  it.each([
    ['place-al-susa', 'place', 'al-susa'],
    ['actor-deir-ez-zor-military-council', 'actor', 'deir-ez-zor-military-council'],
    ['claim-c293ec5e-0bf2-4fad-8942-7d95ec907752', 'claim', 'c293ec5e-0bf2-4fad-8942-7d95ec907752'],
    ['nohyphen', 'nohyphen', ''],
  ])('%s has category %s and id %s: the split is at the first hyphen', (streamId, category, id) => {
    expect(categoryOf(streamId)).toBe(category);
    expect(idOfStream(streamId)).toBe(id);
  });
});
