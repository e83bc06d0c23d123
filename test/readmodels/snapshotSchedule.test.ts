import { describe, expect, it } from 'vitest';
import { SNAPSHOT_RETRY_CAP_MS, SnapshotSchedule } from '../../services/readmodels/snapshotSchedule.js';

describe('the snapshot schedule', () => {
  it('is due after so many events or so much time with unsaved events, never with none', () => {
    const schedule = new SnapshotSchedule(0, { every: 10, intervalMs: 1_000 });
    expect(schedule.due(0, 5_000)).toBe(false);
    expect(schedule.due(9, 999)).toBe(false);
    expect(schedule.due(10, 0)).toBe(true);
    expect(schedule.due(1, 1_000)).toBe(true);
  });

  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [6, 320_000],
    [7, SNAPSHOT_RETRY_CAP_MS],
    [12, SNAPSHOT_RETRY_CAP_MS],
  ])(
    'after %i failed saves in a row, waits %i ms before the next attempt (2^(n-1) × 10 s, at most 10 min)',
    (failures, waitMs) => {
      const schedule = new SnapshotSchedule(0, { every: 1 });
      let waited = 0;
      for (let n = 0; n < failures; n++) waited = schedule.failed(new Error('ENOSPC: no space left on device'), 0);
      expect(waited).toBe(waitMs);
      expect(schedule.due(1, waitMs - 1)).toBe(false);
      expect(schedule.due(1, waitMs)).toBe(true);
      expect(schedule.status).toMatchObject({
        state: 'failing',
        consecutiveFailures: failures,
        error: 'ENOSPC: no space left on device',
      });
    },
  );

  it('returns to the normal cadence after a successful save', () => {
    const schedule = new SnapshotSchedule(0, { every: 10, intervalMs: 1_000 });
    schedule.failed(new Error('EIO'), 0);
    schedule.saved(50_000);
    expect(schedule.status).toEqual({ state: 'ok', lastSavedAt: new Date(50_000) });
    expect(schedule.due(1, 50_500)).toBe(false);
    expect(schedule.due(10, 50_500)).toBe(true);
  });
});
