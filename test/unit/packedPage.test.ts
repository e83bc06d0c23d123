import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packPage, type RawEventRow, unpackPage } from '../../services/eventstore/sqlite/packedPage.js';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from '../../services/eventstore/sqlite/rows.js';

/**
 * A packed page (issue 14: how the rebuild's reader thread hands pages to the folding thread)
 * unpacks into exactly the events `toRecordedEvent` makes of the same rows, whatever they hold.
 */
const json = fc.jsonValue({ stringUnit: 'grapheme' }).map((value) => JSON.stringify(value));
const metadataText = fc
  .record({ principal: fc.string(), correlationId: fc.constantFrom('a', 'b'), extra: fc.option(fc.string({ unit: 'grapheme' })) })
  .map((m) => JSON.stringify(m));
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

/** Rows with repeats of type, metadata and recordedAt, as appends make them. */
const rows: fc.Arbitrary<RawEventRow[]> = fc.array(
  fc.tuple(
    int64,
    fc.string({ unit: 'grapheme' }),
    int64,
    fc.uuid(),
    fc.constantFrom('ClaimRecorded', 'NoteTaken', 'نوع'),
    fc.bigInt({ min: 1n, max: 2n ** 53n - 1n }),
    json,
    metadataText,
    fc.constantFrom('2026-11-30T00:00:00.000Z', '2026-11-30T00:00:01.000Z'),
  ),
  { maxLength: 40 },
);

/** A raw row as the store reads it, by name: `EVENT_COLUMNS` is the order of both. */
const asObject = (row: RawEventRow): EventRow =>
  Object.fromEntries(EVENT_COLUMNS.split(', ').map((column, i) => [column, row[i]])) as unknown as EventRow;

describe('packPage and unpackPage', () => {
  it('give back what toRecordedEvent makes of the rows', () => {
    fc.assert(
      fc.property(rows, (page) => {
        expect(unpackPage(packPage(page))).toEqual(page.map((row) => toRecordedEvent(asObject(row))));
      }),
      { numRuns: 300 },
    );
  });

  it('send a repeated type, metadata or recordedAt once, and share the parsed metadata', () => {
    const row = (i: number, metadata: string): RawEventRow => [
      BigInt(i),
      's',
      0n,
      `e${i}`,
      'NoteTaken',
      1n,
      `{"n":${i}}`,
      metadata,
      '2026-11-30T00:00:00.000Z',
    ];
    const packed = packPage([row(1, '{"principal":"a"}'), row(2, '{"principal":"a"}'), row(3, '{"principal":"b"}')]);
    expect(packed.types).toEqual(['NoteTaken']);
    expect(packed.recordedAt).toEqual([0, '2026-11-30T00:00:00.000Z']);
    expect(packed.text).toBe('{"n":1}{"principal":"a"}{"n":2}{"n":3}{"principal":"b"}');
    const [a, b, c] = unpackPage(packed);
    expect(b!.metadata).toBe(a!.metadata);
    expect(c!.metadata).toEqual({ principal: 'b' });
    expect(unpackPage(packPage([]))).toEqual([]);
  });

  it('fail as toRecordedEvent does on data that is not JSON', () => {
    const bad: RawEventRow = [1n, 's', 0n, 'e', 'NoteTaken', 1n, '{oops', '{}', '2026-11-30T00:00:00.000Z'];
    expect(() => unpackPage(packPage([bad]))).toThrow(SyntaxError);
  });
});
