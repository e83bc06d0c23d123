import { describe, expect, it } from 'vitest';
import { decodeEvent, EVENT_SCHEMAS, EVENT_TYPES } from '../../domain/events.js';
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

  it('every event type has a fixture for every version from 1 to the latest', () => {
    const have = new Set(fixtures.map((f) => `${f.type}.v${f.schemaVersion}`));
    const want = EVENT_TYPES.flatMap((type) =>
      Array.from({ length: EVENT_SCHEMAS[type].schemaVersion }, (_, i) => `${type}.v${i + 1}`),
    );
    expect(want.filter((name) => !have.has(name))).toEqual([]);
  });
});
