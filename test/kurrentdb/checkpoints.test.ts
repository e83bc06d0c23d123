import { describe, expect, it } from 'vitest';
import { KurrentDbEventStore } from '../../services/eventstore/kurrentdb/index.js';
import { aCategory, anEvent, aStream } from '../contract/fixture.js';
import { ScriptedKurrentDb } from './scriptedClient.js';

describe('KurrentDB subscriptions with a narrow filter (against a scripted server and client)', () => {
  it('resume from the last checkpoint the server sent, not from the last match, and lose nothing', async () => {
    // Given a log with one event of the wanted category, then 100 of another
    const server = new ScriptedKurrentDb();
    const store = new KurrentDbEventStore(server.connect, {
      connectionString: 'kurrentdb://scripted:2113?tls=false',
      reconnect: { initialDelayMs: 0, maxDelayMs: 0 },
    });
    const [wanted, other] = [aCategory(), aCategory()];
    const first = anEvent();
    await store.append(aStream(wanted), [first]);
    for (let i = 0; i < 100; i++) await store.append(aStream(other), [anEvent()]);
    const others = await store.readAll({ filter: { categories: [other] } });
    // …and a server that ends the first call once it has passed over them all (a checkpoint every 32)
    server.endAtLive = 1;
    const subscription = store.subscribe({ filter: { categories: [wanted] } });
    const events = subscription[Symbol.asyncIterator]();
    // When the subscriber takes the match, and waits for the next one across the reconnect
    expect((await events.next()).value?.eventId).toBe(first.eventId);
    const resubscribed = server.nextSubscribe();
    const next = events.next();
    await resubscribed;
    const second = anEvent();
    await store.append(aStream(wanted), [second]);
    // Then it gets the next match, and the new call started at the checkpoint after the 96th other event
    expect((await next).value?.eventId).toBe(second.eventId);
    const opened = server.callsOf('subscribeToAll').map((call) => call.options.fromPosition);
    const checkpoint = others[95]!.position;
    expect(opened).toEqual(['start', { commit: checkpoint, prepare: checkpoint }]);
    await subscription.close();
    await store.close();
  });
});
