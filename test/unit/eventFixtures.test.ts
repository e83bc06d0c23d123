import { describe, expect, it } from 'vitest';
import { decodeEvent, decodeStoredEvent, EVENT_SCHEMAS, EVENT_TYPES } from '../../domain/events.js';
import { loadEventFixtures } from '../fixtures/eventFixtures.js';

/**
 * Stored events are read forever. Each schema version of each event type has a golden JSON
 * file; if a schema change stops one decoding (a renamed field, a narrowed vocabulary),
 * this fails before any stored event does.
 */
const fixtures = loadEventFixtures();

describe('golden event fixtures', () => {
  it.each(fixtures)('$file is named after the type and version it holds', (fixture) => {
    expect(fixture.named).toEqual({ type: fixture.type, schemaVersion: fixture.schemaVersion });
  });

  it.each(fixtures)('$file still decodes', (fixture) => {
    const result = decodeEvent(String(fixture.type), Number(fixture.schemaVersion), fixture.data);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, event: { type: fixture.type } });
  });

  it.each(fixtures.filter((f) => f.schemaVersion === EVENT_SCHEMAS[f.type as keyof typeof EVENT_SCHEMAS]?.schemaVersion))(
    '$file, at the latest version, decodes to exactly its data (no field silently dropped)',
    (fixture) => {
      const result = decodeEvent(String(fixture.type), Number(fixture.schemaVersion), fixture.data);
      expect(result.ok && result.event.data).toEqual(fixture.data);
    },
  );

  it.each(
    fixtures.filter((f) => f.schemaVersion === 1 && EVENT_SCHEMAS[f.type as keyof typeof EVENT_SCHEMAS]?.schemaVersion === 2),
  )('$file upcasts to version 2 unchanged (issue 11: every v1 payload is a valid v2 payload)', (fixture) => {
    const result = decodeEvent(String(fixture.type), 1, fixture.data);
    expect(result.ok && result.event.data).toEqual(fixture.data);
  });

  it.each(fixtures)('$file read back from this ledger (decodeStoredEvent) gives what decodeEvent gives', (fixture) => {
    const stored = decodeStoredEvent(String(fixture.type), Number(fixture.schemaVersion), fixture.data);
    const checked = decodeEvent(String(fixture.type), Number(fixture.schemaVersion), fixture.data);
    expect(stored).toEqual(checked);
  });

  it('a version-1 claim event this ledger stored is taken as it is, like a version-2 one: a rebuild does not validate it again', () => {
    // Data no schema would let in, stored as it was: had it been validated, it would be refused.
    const unchecked = { claimId: 'c', share: 5 };
    for (const version of [1, 2]) {
      expect(decodeStoredEvent('ClaimRecorded', version, unchecked)).toEqual({
        ok: true,
        event: { type: 'ClaimRecorded', data: unchecked },
      });
    }
    // A version that never existed is still refused.
    expect(decodeStoredEvent('ClaimRecorded', 3, unchecked)).toMatchObject({ ok: false, reason: 'unknown_version' });
    expect(decodeEvent('ClaimRecorded', 1, unchecked)).toMatchObject({ ok: false, reason: 'invalid_data' });
  });

  it('every event type has a fixture for every version from 1 to the latest', () => {
    const have = new Set(fixtures.map((f) => `${f.type}.v${f.schemaVersion}`));
    const want = EVENT_TYPES.flatMap((type) =>
      Array.from({ length: EVENT_SCHEMAS[type].schemaVersion }, (_, i) => `${type}.v${i + 1}`),
    );
    expect(want.filter((name) => !have.has(name))).toEqual([]);
  });
});
