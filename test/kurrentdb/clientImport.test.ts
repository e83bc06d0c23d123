import kurrentdb from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import * as adapterClient from '../../services/eventstore/kurrentdb/kurrentClient.js';

describe('the KurrentDB client package, imported from ESM', () => {
  it('exposes, through its default export, everything the adapter uses', () => {
    expect(typeof kurrentdb.KurrentDBClient.connectionString).toBe('function');
    for (const name of [
      'jsonEvent',
      'streamNameFilter',
      'eventTypeFilter',
      'excludeSystemEvents',
      'convertToCommandError',
    ] as const) {
      expect(typeof kurrentdb[name], name).toBe('function');
    }
    expect(kurrentdb.ErrorType.WRONG_EXPECTED_VERSION).toBe('wrong-expected-version');
    expect([kurrentdb.ANY, kurrentdb.NO_STREAM, kurrentdb.STREAM_EXISTS, kurrentdb.START, kurrentdb.END]).toEqual([
      'any',
      'no_stream',
      'stream_exists',
      'start',
      'end',
    ]);
  });

  it('is re-exported by the adapter with nothing undefined', () => {
    for (const [name, value] of Object.entries(adapterClient)) expect(value, name).toBeDefined();
  });

  it('builds a client from a connection string without connecting, and disposes it', async () => {
    const client = kurrentdb.KurrentDBClient.connectionString('kurrentdb://localhost:2113?tls=false');
    expect(typeof client.appendToStream).toBe('function');
    expect(typeof client.subscribeToAll).toBe('function');
    await client.dispose();
  });
});
