import { describe, expect, it } from 'vitest';
import { storedData } from '../../services/feeds/importedEvent.js';

/**
 * What an import stores: the schema's reading of an event at the latest version; an older
 * version as given (it is upcast and validated on every read). Every type is at version 1
 * today, so the older-version rule is shown on the function that decides it.
 */
describe('storedData', () => {
  const given = { names: { en: 'al-Susa' }, legacy: true, placeId: 'al-susa' };
  const decoded = { placeId: 'al-susa', names: { en: 'al-Susa', variants: [] } };

  it('stores the latest version as the schema read it, in the writer’s key order', () => {
    expect(JSON.stringify(storedData(1, 1, given, decoded))).toBe('{"names":{"en":"al-Susa","variants":[]},"placeId":"al-susa"}');
  });

  it('stores an older version as given, to be upcast on read', () => {
    expect(storedData(1, 2, given, decoded)).toBe(given);
  });
});
