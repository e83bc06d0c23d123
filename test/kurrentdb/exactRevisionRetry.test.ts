import { describe, expect, it } from 'vitest';
import { DuplicateEventIdError } from '../../services/eventstore/errors.js';
import { RECENT_EVENTS_CHECKED } from '../../services/eventstore/kurrentdb/appendToStream.js';
import { KurrentDbEventStore } from '../../services/eventstore/kurrentdb/index.js';
import { anEvent, aStream, idsOf, rejectionOf, someEvents } from '../contract/fixture.js';
import { ScriptedKurrentDb } from './scriptedClient.js';

/**
 * KurrentDB compares event ids with the stream only when an exact expected revision is below
 * the current one; at the current revision it writes them again. The command executor always
 * appends at the revision it read, so a retry decided after its first attempt landed comes
 * exactly there.
 */
const givenAStore = () => {
  const server = new ScriptedKurrentDb();
  const store = new KurrentDbEventStore(server.connect, { connectionString: 'kurrentdb://scripted:2113?tls=false' });
  return { server, store, stream: aStream() };
};

describe('KurrentDB: an exact-revision append that repeats the stream’s last events (against a scripted server)', () => {
  it('checks the last events with one read before writing, and then writes once', async () => {
    const { server, store, stream } = givenAStore();
    await store.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
    const before = server.calls.length;
    await store.append(stream, someEvents(2), { expectedRevision: 0n });
    const calls = server.calls.slice(before);
    // The window read, the append, and the read-back of the append's position
    expect(calls.map((c) => c.method)).toEqual(['readStream', 'appendToStream', 'readStream']);
    expect(calls[0]!.options).toMatchObject({ direction: 'backwards', maxCount: RECENT_EVENTS_CHECKED, requiresLeader: true });
    await store.close();
  });

  it('recognises a retry whose first events lie just before the window, by reading the whole stream then', async () => {
    // Given five events appended at once, then enough single appends that only the last two of the five stay in the window
    const { server, store, stream } = givenAStore();
    const five = someEvents(5);
    const landed = await store.append(stream, five, { expectedRevision: 'no_stream' });
    let revision = landed.nextExpectedRevision;
    for (let i = 0; i < RECENT_EVENTS_CHECKED - 2; i++)
      revision = (await store.append(stream, [anEvent()], { expectedRevision: revision })).nextExpectedRevision;
    const appendsBefore = server.callsOf('appendToStream').length;
    // When the five are appended again at the current revision
    const retry = await store.append(stream, five, { expectedRevision: revision });
    // Then it is answered as the retry it is, and nothing was sent to be written
    expect(retry).toEqual(landed);
    expect(server.callsOf('appendToStream')).toHaveLength(appendsBefore);
    expect(idsOf(await store.readStream(stream, { maxCount: 5 }))).toEqual(idsOf(five));
    expect(await store.streamRevision(stream)).toBe(revision);
    await store.close();
  });

  it('refuses ids of the stream in another arrangement at the current revision, writing nothing', async () => {
    const { store, stream } = givenAStore();
    const [a, b] = someEvents(2);
    await store.append(stream, [a!, b!], { expectedRevision: 'no_stream' });
    expect(await rejectionOf(store.append(stream, [b!, a!], { expectedRevision: 1n }))).toBeInstanceOf(DuplicateEventIdError);
    expect(await rejectionOf(store.append(stream, [b!, anEvent()], { expectedRevision: 1n }))).toBeInstanceOf(
      DuplicateEventIdError,
    );
    expect(await store.streamRevision(stream)).toBe(1n);
    await store.close();
  });
});
