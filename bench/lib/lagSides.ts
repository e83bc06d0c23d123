import pg from 'pg';
import type { Subscription } from '../../services/eventstore/port.js';
import type { PostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { openRawPostgres, type RawPostgres } from './rawPostgres.js';
import type { LagSide } from './replicaLag.js';

/**
 * sijill: replica r is a `PostgresEventStore` of its own (its own pool and log watcher, as a
 * service process opens it); writer w appends through replica w mod n, to a stream of its own,
 * at exact expected revisions; each replica's subscriber is a `subscribe()` of that store.
 */
export const sijillLagSide = (replicas: readonly PostgresEventStore[], tag: string): LagSide => {
  let subscriptions: Subscription[] = [];
  let consumers: Promise<void>[] = [];
  return {
    async append(writer, seq, event) {
      await replicas[writer % replicas.length]!.append(`claim-${tag}w${writer}`, [event], {
        expectedRevision: seq === 0 ? 'no_stream' : BigInt(seq - 1),
      });
    },
    async subscribe(deliver) {
      const after = await replicas[0]!.headPosition();
      subscriptions = replicas.map((replica) => replica.subscribe({ after }));
      consumers = subscriptions.map(async (subscription, r) => {
        for await (const event of subscription) deliver(r, event.eventId);
      });
    },
    async unsubscribe() {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      await Promise.all(consumers);
    },
  };
};

/**
 * The floor PostgreSQL itself offers for pushing appends to replicas: each writer a session of
 * its own making raw INSERT transactions (`rawPostgres.ts`) that `pg_notify` their event ids,
 * and each replica's subscriber a session that LISTENs — delivered by the server at commit,
 * with no reading of the log at all.
 */
export const notifyLagSide = async (
  connectionString: string,
  replicas: number,
  writers: number,
  tag: string,
): Promise<LagSide & { close(): Promise<void> }> => {
  const channel = `lag_${tag}`;
  const raws: RawPostgres[] = [];
  for (let w = 0; w < writers; w++) raws.push(await openRawPostgres(connectionString, { existing: true, notify: channel }));
  const listeners: pg.Client[] = [];
  return {
    async append(writer, seq, event) {
      await raws[writer]!.append(`claim-${tag}w${writer}`, seq, [event]);
    },
    async subscribe(deliver) {
      for (let r = 0; r < replicas; r++) {
        const listener = new pg.Client({ connectionString, application_name: 'sijill-bench-listener' });
        await listener.connect();
        listener.on('notification', ({ payload }) => {
          for (const eventId of payload?.split(',') ?? []) deliver(r, eventId);
        });
        await listener.query(`LISTEN ${channel}`);
        listeners.push(listener);
      }
    },
    async unsubscribe() {
      await Promise.all(listeners.splice(0).map((listener) => listener.end()));
    },
    async close() {
      await Promise.all(raws.map((raw) => raw.close()));
    },
  };
};
