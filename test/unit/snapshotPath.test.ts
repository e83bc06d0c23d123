import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../services/config.js';
import { snapshotPathOf } from '../../services/ledger.js';

/** Where the read models' snapshot goes by default, for each kind of store (README, SIJILL_SNAPSHOT). */
describe('snapshotPathOf', () => {
  it('is beside an SQLite ledger file, in ./data/ for a server’s store, and SIJILL_SNAPSHOT when set', () => {
    const of = (env: Record<string, string>) => snapshotPathOf(loadConfig(env));
    expect(of({})).toBe(join('data', 'readmodels.snapshot'));
    expect(of({ SIJILL_STORE: '/srv/ledgers/syria.db' })).toBe('/srv/ledgers/readmodels.snapshot');
    // A connection string is no folder: never `./postgres:/user:password@host:5432/…`.
    expect(of({ SIJILL_STORE: 'postgres://sijill:secret@db:5432/sijill' })).toBe(join('data', 'readmodels.snapshot'));
    expect(of({ SIJILL_STORE: 'kurrentdb://kdb:2113?tls=false' })).toBe(join('data', 'readmodels.snapshot'));
    expect(of({ SIJILL_STORE: 'postgres://sijill:secret@db:5432/sijill', SIJILL_SNAPSHOT: '/var/lib/sijill/rm' })).toBe(
      '/var/lib/sijill/rm',
    );
  });
});
