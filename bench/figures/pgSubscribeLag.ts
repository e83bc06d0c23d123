import { openPostgresEventStore, type PostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { notifyLagSide, sijillLagSide } from '../lib/lagSides.js';
import { alternate, fmt } from '../lib/measure.js';
import { startBenchPostgres } from '../lib/postgres.js';
import { openRawPostgres } from '../lib/rawPostgres.js';
import { type LagResult, type Latencies, lagRound } from '../lib/replicaLag.js';
import { measured, type Target, unmeasured } from '../lib/rows.js';
import type { Figure } from '../lib/types.js';

const TARGET_MS = 100;
const REPLICAS = 3;
const WRITERS = 4;

const lag = {
  name: 'pg-subscribe-lag',
  title: `PostgreSQL append→delivery p99, ${REPLICAS} replicas, ${WRITERS} writers`,
  unit: 'ms',
  baseline: `p99 of the same load as raw INSERT + pg_notify, ${REPLICAS} LISTEN sessions (no log read)`,
  target: `p99 < ${TARGET_MS} ms at the rate asked, every event to every replica once, in one order`,
};

/** Within 2% of the schedule: all of it sent, at the rate asked. */
const paced = (r: LagResult, rate: number) => r.sent >= 0.98 * r.scheduled && r.sentRate >= 0.98 * rate;

const delivered = (r: LagResult) =>
  r.complete === REPLICAS && r.failedAppends === 0 && r.duplicates === 0 && r.foreign === 0 && r.sameOrder;

const lagTarget = (isPaced: boolean, isDelivered: boolean): Target => ({
  text: lag.target,
  check: (value) => isPaced && isDelivered && value < TARGET_MS,
});

const ms = (x: number) => `${fmt(x, 1)} ms`;
const spread = (l: Latencies) => `p50 ${ms(l.p50)}, p99 ${ms(l.p99)}, max ${ms(l.max)}`;

const summary = (r: LagResult) =>
  `ack→delivery ${spread(r.all)} over ${fmt(r.all.samples)} deliveries (${fmt(r.all.beforeAck)} before their ack); ` +
  `on the writer's own replica ${spread(r.sameReplica)}, on the other replicas ${spread(r.otherReplicas)}; ` +
  `append call→delivery p99 ${ms(r.fromSend.p99)}; append call→ack p50 ${ms(r.ack.p50)} / p99 ${ms(r.ack.p99)}; ` +
  `${fmt(r.sent)} of ${fmt(r.scheduled)} appends sent at ${fmt(r.sentRate)}/s (worst lateness ${ms(r.maxLateMs)}), ` +
  `${fmt(r.acknowledged)} acknowledged, ${fmt(r.failedAppends)} failed; ${r.complete}/${REPLICAS} replicas complete ` +
  `(${fmt(r.missing)} missing, ${fmt(r.duplicates)} duplicates, ${fmt(r.foreign)} foreign, ` +
  `${r.sameOrder ? 'one order on every replica' : 'NOT one order'}), all delivered ${ms(r.settledMs)} after the last ack`;

/**
 * Issue 13 §7: how late appends reach subscribers on every replica of one database. Three
 * stores in this process stand for three replicas — each its own connection pool and log
 * watcher, exactly what a service process opens — rather than three service processes: so
 * acknowledgements and deliveries are timed on one clock, and the figure measures the store's
 * cross-replica delivery (the commit, the readable bound, the other replicas' polls) rather
 * than HTTP and SSE, which `sse-fanout` measures, or the scheduling of five processes on two
 * cores. The replicas do share one event loop here, which can only make them later.
 */
export const pgSubscribeLag: Figure = {
  name: 'pg-subscribe-lag',
  title: lag.title,
  rows: [lag],
  async run(context) {
    const size = context.quick ? { rate: 200, seconds: 2, warm: 1 } : { rate: 1_000, seconds: 20, warm: 3 };
    const postgres = await startBenchPostgres();
    if ('unavailable' in postgres) return unmeasured(this, 'skipped', `no PostgreSQL: ${postgres.unavailable}`);
    const { server, settings } = postgres;
    const replicas: PostgresEventStore[] = [];
    try {
      const sijillDb = await server.createDatabase();
      for (let r = 0; r < REPLICAS; r++) replicas.push(await openPostgresEventStore({ connectionString: sijillDb }));
      const rawDb = await server.createDatabase();
      await (await openRawPostgres(rawDb)).close();
      const round = { replicas: REPLICAS, writers: WRITERS, rate: size.rate };
      const notifyRound = async (tag: string, seconds: number) => {
        const side = await notifyLagSide(rawDb, REPLICAS, WRITERS, tag);
        try {
          return await lagRound(side, { ...round, seconds });
        } finally {
          await side.close();
        }
      };
      context.log(`${lag.name}: warm-up, ${size.warm} s each side`);
      await lagRound(sijillLagSide(replicas, 'warm'), { ...round, seconds: size.warm });
      await notifyRound('warm', size.warm);
      context.log(`${lag.name}: ${fmt(size.rate)} events/s for ${size.seconds} s each side`);
      let subject: LagResult | undefined;
      let baseline: LagResult | undefined;
      await alternate(
        1,
        async () => {
          subject = await lagRound(sijillLagSide(replicas, 'measured'), { ...round, seconds: size.seconds });
          return subject.all.p99;
        },
        async () => {
          baseline = await notifyRound('measured', size.seconds);
          return baseline.all.p99;
        },
      );
      if (!subject || !baseline) throw new Error('a round did not run');
      return [
        measured({
          ...lag,
          value: subject.all.p99,
          baselineValue: baseline.all.p99,
          target: lagTarget(paced(subject, size.rate), delivered(subject)),
          notes: [
            `${REPLICAS} replicas = ${REPLICAS} PostgresEventStore instances in one process (each its own pool and log watcher, polling every 10 ms, the default); ` +
              `${WRITERS} writers, writer w appending one ClaimRecorded at a time through replica w mod ${REPLICAS} at exact expected revisions, paced together to ${fmt(size.rate)} events/s for ${size.seconds} s; ` +
              `one subscribe() per replica from the head; latency = when the replica's subscriber got the event − when its append was acknowledged, one clock`,
            settings,
            `sijill: ${paced(subject, size.rate) ? '' : 'the load asked for was NOT applied: '}${summary(subject)}`,
            `baseline (raw INSERT ... pg_notify of the event id, one session per writer; one LISTEN session per replica): ${summary(baseline)}`,
            `one round each side after a ${size.warm} s warm-up round each (not counted)`,
          ].join('; '),
        }),
      ];
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
      await server.stop();
    }
  },
};
