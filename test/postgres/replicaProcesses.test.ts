import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { idsOf, take } from '../contract/fixture.js';
import { canRestart, type PostgresServer, postgresForSuite } from '../support/postgresServer.js';
import { type ServerProcess, startServer } from '../support/server.js';
import { aReceiver } from '../webhooks/receiver.js';

/**
 * Issue 13, items 4 and 5: real `sijill` processes on one database. `kill -9` of a replica
 * mid-load loses no acknowledged write and its webhook moves to a survivor; a `pg_ctl
 * restart` of the database mid-load loses nothing acknowledged, and the replicas and
 * subscribers carry on.
 */
const target = postgresForSuite('PostgreSQL replica processes');

const TOKEN = 'admin-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

const aSourceBody = () => ({
  id: `src-${randomUUID().slice(0, 8)}`,
  name: { en: 'Al-Furat Post', ar: 'الفرات بوست' },
  kind: 'news_network',
  reliability: 'C',
});

/** One write; its answer when acknowledged (201), else undefined (refused, unreachable). */
const write = async (replica: ServerProcess): Promise<{ position: string; streamId: string } | undefined> => {
  try {
    const response = await fetch(`${replica.base}/v1/sources`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(aSourceBody()),
    });
    if (response.status !== 201) return undefined;
    return (await response.json()) as { position: string; streamId: string };
  } catch {
    return undefined;
  }
};

const logOf = async (replica: ServerProcess) => {
  const events: { position: string; eventId: string; streamId: string }[] = [];
  let after = '0';
  for (;;) {
    const response = await fetch(`${replica.base}/v1/events?after=${after}&limit=500`, { headers: auth });
    const page = (await response.json()) as { events: typeof events; next: string | null };
    events.push(...page.events);
    if (!page.next) return events;
    after = page.next;
  }
};

describe.skipIf(!target.available)('sijill replicas as processes on one PostgreSQL', () => {
  let server: PostgresServer | undefined;
  let connectionString = '';
  const replicas: ServerProcess[] = [];
  const env = () => ({
    SIJILL_STORE: connectionString,
    SIJILL_TOKENS: `${TOKEN}=ops:admin`,
    SIJILL_WEBHOOK_RETRY_BASE_MS: '5',
    SIJILL_WEBHOOK_RETRY_CAP_MS: '100',
  });
  beforeAll(async () => {
    if (!target.available) return;
    server = await target.start();
    connectionString = await server.createDatabase();
    const snapshots = () => ({ SIJILL_SNAPSHOT: `/tmp/sijill-snapshot-${randomUUID()}` });
    replicas.push(...(await Promise.all([startServer({ ...env(), ...snapshots() }), startServer({ ...env(), ...snapshots() })])));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop('SIGKILL')));
    await server?.stop();
  });

  it('kill -9 of a replica mid-load: no acknowledged write is lost, and its webhook moves to the survivor', async () => {
    const receiver = await aReceiver();
    const [first, second] = replicas as [ServerProcess, ServerProcess];
    const registered = await fetch(`${first.base}/v1/admin/webhooks`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ url: receiver.url, from: 'start' }),
    });
    expect(registered.status, `${await registered.clone().text()}\n${first.output().slice(-3000)}`).toBe(201);
    const { id } = (await registered.json()) as { id: string };
    // A replica learns of a webhook registered on another at its next look (404 until then).
    const phaseOn = async (replica: ServerProcess) => {
      const response = await fetch(`${replica.base}/v1/admin/webhooks/${id}`, { headers: auth });
      return response.status === 200 ? ((await response.json()) as { status: { state: string } }).status.state : 'stopped';
    };
    // Given the webhook owned by one replica (whichever took the lease), the other its survivor:
    let owner: ServerProcess | undefined;
    for (let i = 0; i < 100 && !owner; i++) {
      for (const replica of [first, second]) if ((await phaseOn(replica)) !== 'stopped') owner = replica;
      if (!owner) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(owner).toBeDefined();
    const survivor = owner === first ? second : first;

    // When 4 writers write to both replicas and the owner is killed mid-load,
    const acknowledged: string[] = [];
    let killed = false;
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 60; i++) {
          const replica = w % 2 === 0 ? owner! : survivor;
          const answer = await write(replica);
          if (answer) acknowledged.push(answer.streamId);
          if (acknowledged.length >= 80 && !killed) {
            killed = true;
            owner!.child.kill('SIGKILL');
          }
        }
      }),
    );
    expect(killed).toBe(true);

    // then every acknowledged write is in the log the survivor serves,
    const log = await logOf(survivor);
    const streams = new Set(log.map((e) => e.streamId));
    for (const streamId of acknowledged) expect(streams.has(streamId)).toBe(true);
    // and the survivor delivers every event to the webhook: each at least once, and at most the one in flight twice.
    await receiver.until(
      () => new Set(receiver.acknowledged()).size >= log.length,
      `every one of ${log.length} events delivered`,
      60_000,
    );
    const delivered = receiver.acknowledged();
    expect(new Set(delivered).size).toBe(log.length);
    expect(delivered.length - log.length).toBeLessThanOrEqual(1);
    expect(await phaseOn(survivor)).not.toBe('stopped');
    await receiver.close?.();
  }, 120_000);

  it.skipIf(!canRestart())(
    'pg_ctl restart mid-load: nothing acknowledged is lost, replicas reconnect, subscribers resume',
    async () => {
      const alive = replicas.filter((replica) => replica.child.exitCode === null && replica.child.signalCode === null);
      const replica = alive[0]!;
      const observer = await openPostgresEventStore({ connectionString });
      const start = await observer.headPosition();
      const subscription = observer.subscribe({ after: start });
      const acknowledged: { position: string; streamId: string }[] = [];
      let restarted: Promise<void> | undefined;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let i = 0; i < 50; i++) {
            const answer = await write(replica);
            if (answer) acknowledged.push(answer);
            if (acknowledged.length === 40 && !restarted) restarted = server!.restart();
          }
        }),
      );
      await restarted;
      // After the restart the replica takes writes again (its pool reconnects),
      let last: { position: string; streamId: string } | undefined;
      for (let i = 0; i < 300 && !last; i++) {
        last = await write(replica);
        if (!last) await new Promise((resolve) => setTimeout(resolve, 100)); // connections are being re-made
      }
      expect(last, replica.output().slice(-4000)).toBeDefined();
      acknowledged.push(last!);
      // every acknowledged write is there, the subscriber that lived through the restart got them all, in log order,
      const log = await observer.readAll({ after: start });
      const streams = new Set(log.map((e) => e.streamId));
      for (const { streamId } of acknowledged) expect(streams.has(streamId)).toBe(true);
      const delivered = await take(subscription, log.length, 60_000);
      expect(idsOf(delivered)).toEqual(idsOf(log));
      await subscription.close();
      await observer.close();
      // and the replica's read models caught up: a read at the last position answers.
      const read = await fetch(`${replica.base}/v1/sources?minPosition=${last!.position}`, { headers: auth });
      expect(read.status).toBe(200);
    },
    120_000,
  );
});
