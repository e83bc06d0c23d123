import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/ledger.js';
import { appendEvents, type OpenApp, openAppIn, registered, statusOf, untilCheckpoint } from './harness.js';
import { aReceiver, type Received, type Receiver } from './receiver.js';

let given: OpenApp | undefined;
let receiver: Receiver | undefined;
let child: ChildProcess | undefined;
let cleanup: (() => Promise<void>) | undefined;

afterEach(async () => {
  if (child) await kill(child);
  await given?.close();
  await receiver?.close();
  await cleanup?.();
  given = receiver = cleanup = child = undefined;
});

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Start `children/deliver.ts` in a real Node process; resolves once it is delivering. */
const startDeliverer = async (dir: string, url: string, total: number): Promise<ChildProcess> => {
  const process_ = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('children/deliver.ts', import.meta.url)), dir, url, String(total)],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  for await (const line of createInterface({ input: process_.stdout! })) if (line === 'ready') return process_;
  throw new Error(`the delivering process ended before it was ready (exit ${process_.exitCode})`);
};

const kill = async (process_: ChildProcess): Promise<void> => {
  if (process_.exitCode !== null || process_.signalCode !== null) return;
  const exited = once(process_, 'exit');
  process_.kill('SIGKILL');
  await exited;
};

/**
 * What a restart may and may not do to deliveries: every event acknowledged once, in
 * position order, with no gap; after the interruption, delivery starts again at the event
 * that was in flight and never repeats one the receiver had acknowledged before.
 */
const expectResumedAfterTheInFlightEvent = (seen: readonly Received[], interruptedAt: number, expected: readonly string[]) => {
  const inFlight = seen[interruptedAt]!;
  expect(inFlight.answered).toBeNull();
  const before = seen.slice(0, interruptedAt);
  const after = seen.slice(interruptedAt + 1);
  expect(before.every((request) => request.answered === 200)).toBe(true);
  expect(after[0]!.id).toBe(inFlight.id);
  const acknowledgedBefore = new Set(before.map((request) => request.id));
  expect(after.filter((request) => acknowledgedBefore.has(request.id))).toEqual([]);
  const acknowledged = seen.filter((request) => request.answered === 200);
  expect(acknowledged.map((request) => request.id)).toEqual(expected);
};

describe('webhooks across restarts', () => {
  it('resume after the durable checkpoint when the server is closed and reopened on the same files', async () => {
    const temp = await tempDir('sijill-webhooks-');
    cleanup = temp.cleanup;
    let first: OpenApp | undefined = await openAppIn(temp.dir);
    given = first;
    // The receiver holds its answer to the fourth delivery: that one is in flight at the restart.
    receiver = await aReceiver((_request, seen) => (seen.length === 4 ? 'hold' : 200));
    const webhook = await registered(first, { url: receiver.url });
    const early = await appendEvents(first.store, 8);
    const r = receiver;
    await r.until((seen) => seen.length === 4, 'the fourth delivery in flight');
    await first.close();
    given = first = undefined;

    const second = await openAppIn(temp.dir);
    given = second;
    r.answerWith(() => 200);
    const late = await appendEvents(second.store, 4);
    const expected = [...early, ...late].map((e) => e.eventId);
    await r.until(() => r.acknowledged().length === expected.length, 'every event acknowledged');

    expectResumedAfterTheInFlightEvent(r.seen, 3, expected);
    expect(r.seen).toHaveLength(expected.length + 1);
    // The registration and its secret survived: later deliveries verify with the secret shown at registration.
    const verifier = new Webhook(webhook.secret);
    for (const request of r.seen.slice(4)) {
      expect(
        verifier.verify(request.body, {
          'webhook-id': request.id,
          'webhook-timestamp': request.timestamp,
          'webhook-signature': request.signature,
        }),
      ).toEqual(request.envelope);
    }
    const status = await untilCheckpoint(second, webhook.id, late.at(-1)!.position);
    expect(status.status.consecutiveFailures).toBe(0);
    expect((await statusOf(second, webhook.id)).url).toBe(receiver.url);
  });

  it('after a crash (SIGKILL) mid-delivery, lose nothing acknowledged and redeliver only the event in flight', async () => {
    const temp = await tempDir('sijill-webhooks-');
    cleanup = temp.cleanup;
    let crashedAt: number | undefined;
    receiver = await aReceiver((_request, seen) => {
      // The sixth delivery is never answered: the crash comes while it waits.
      if (seen.length === 6 && crashedAt === undefined) {
        crashedAt = 5;
        return 'hold';
      }
      return 200;
    });
    child = await startDeliverer(temp.dir, receiver.url, 10);
    const r = receiver;
    await r.until(() => crashedAt !== undefined, 'the sixth delivery');
    await kill(child);
    expect(r.acknowledged()).toHaveLength(5);

    // The restarted process appends five more events and resumes.
    child = await startDeliverer(temp.dir, receiver.url, 15);
    await r.until(() => r.acknowledged().length === 15, 'every event acknowledged');

    const acknowledged = r.seen.filter((request) => request.answered === 200);
    // Positions 1…15: every event of the log, once each, in order, no gap.
    expect(acknowledged.map((request) => request.envelope.position)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expectResumedAfterTheInFlightEvent(
      r.seen,
      crashedAt!,
      acknowledged.map((request) => request.id),
    );
  });
});
