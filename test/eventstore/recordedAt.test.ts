import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { aTempLedger, events } from './tempLedger.js';

/** A clock that returns the given instants in turn (the last one for ever after). */
const clockReading = (...instants: string[]) => {
  let i = 0;
  return () => new Date(instants[Math.min(i++, instants.length - 1)]!);
};

describe('recordedAt with a clock that goes backwards', () => {
  let ledger: Awaited<ReturnType<typeof aTempLedger>>;
  beforeEach(async () => {
    ledger = await aTempLedger();
  });
  afterEach(() => ledger.cleanup());

  it('never decreases along the log, and otherwise follows the clock', async () => {
    const now = clockReading(
      '2026-03-01T10:00:00.500Z',
      '2026-03-01T10:00:00.100Z', // stepped back by NTP
      '2026-03-01T10:00:01.000Z',
      '2026-03-01T09:00:00.000Z', // a VM restored from a snapshot
    );
    const store = await openSqliteEventStore({ path: ledger.path, now });
    for (const count of [1, 2, 1, 1]) await store.append('claim-1', events(count));
    expect((await store.readAll()).map((e) => e.recordedAt)).toEqual([
      '2026-03-01T10:00:00.500Z',
      '2026-03-01T10:00:00.500Z',
      '2026-03-01T10:00:00.500Z',
      '2026-03-01T10:00:01.000Z',
      '2026-03-01T10:00:01.000Z',
    ]);
    await store.close();

    // A restart does not forget: the last stamp in the file is the floor.
    const reopened = await openSqliteEventStore({ path: ledger.path, now: clockReading('2026-01-01T00:00:00.000Z') });
    await reopened.append('claim-1', events(1));
    const [last] = await reopened.readAll({ direction: 'backwards', maxCount: 1 });
    expect(last!.recordedAt).toBe('2026-03-01T10:00:01.000Z');
    await reopened.close();
  });
});
