import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../services/config.js';
import {
  isKurrentDbConnectionString,
  kurrentDbConnectionStringProblem,
} from '../../services/eventstore/kurrentdb/connectionString.js';
import { KurrentDbClientClass } from '../../services/eventstore/kurrentdb/kurrentClient.js';
import { snapshotPathOf } from '../../services/ledger.js';

const VALID = [
  'kurrentdb://localhost:2113?tls=false',
  'kurrentdb://kurrentdb:2113?tls=false',
  'esdb://localhost:2113?tls=false',
  'kurrentdb://admin:changeit@node1:2113,node2:2113,node3:2113?tls=true&tlsVerifyCert=false&nodePreference=leader',
  'kurrentdb+discover://cluster.example.org:2113',
  'kdb://10.0.0.5',
  'kurrentdb://localhost:2113/',
];
const INVALID = [
  'postgres://localhost:5432/db',
  'kurrentdb://',
  'kurrentdb://host:notaport',
  'kurrentdb://host:2113?tls',
  'kurrentdb://host:70000',
  'kurrentdb://user@host:2113',
];

describe('SIJILL_STORE: a file path or a KurrentDB connection string', () => {
  it('tells connection strings from paths', () => {
    expect(isKurrentDbConnectionString('kurrentdb://localhost:2113?tls=false')).toBe(true);
    expect(isKurrentDbConnectionString('esdb://localhost:2113')).toBe(true);
    for (const path of ['./data/sijill.db', '/var/lib/sijill/ledger.db', 'C:\\data\\sijill.db', 'kurrentdb.db']) {
      expect(isKurrentDbConnectionString(path), path).toBe(false);
    }
  });

  it('accepts what the client accepts, and the client parses every one of them', async () => {
    for (const text of VALID) {
      expect(kurrentDbConnectionStringProblem(text), text).toBeUndefined();
      const client = KurrentDbClientClass.connectionString(text);
      await client.dispose();
    }
  });

  it('names what is wrong with a bad one', () => {
    for (const text of INVALID) expect(kurrentDbConnectionStringProblem(text), text).toBeTypeOf('string');
  });

  it('selects KurrentDB in the configuration, refusing a bad connection string at start', () => {
    expect(loadConfig({ SIJILL_STORE: 'kurrentdb://kurrentdb:2113?tls=false' }).store).toBe(
      'kurrentdb://kurrentdb:2113?tls=false',
    );
    expect(loadConfig({}).store).toBe('./data/sijill.db');
    expect(() => loadConfig({ SIJILL_STORE: 'kurrentdb://host:notaport' })).toThrow(ConfigError);
    expect(() => loadConfig({ SIJILL_STORE: 'redis://localhost' })).toThrow(/SIJILL_STORE/);
  });

  it('keeps the read-model snapshot beside the SQLite file, in ./data with KurrentDB, or where configured', () => {
    expect(snapshotPathOf(loadConfig({ SIJILL_STORE: '/var/lib/sijill/ledger.db' }))).toBe('/var/lib/sijill/readmodels.snapshot');
    expect(snapshotPathOf(loadConfig({ SIJILL_STORE: 'kurrentdb://kurrentdb:2113?tls=false' }))).toBe('data/readmodels.snapshot');
    expect(
      snapshotPathOf(loadConfig({ SIJILL_STORE: 'kurrentdb://kurrentdb:2113?tls=false', SIJILL_SNAPSHOT: '/snap/rm.snapshot' })),
    ).toBe('/snap/rm.snapshot');
  });
});
