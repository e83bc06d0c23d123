import type { Appender } from '../lib/appenders.js';
import {
  EMMETT_POSTGRES_DIR,
  type EmmettPostgres,
  emmettPostgresInstalled,
  loadEmmettPostgres,
  packageVersion,
} from '../lib/benchDeps.js';
import { alternate, ratePerSecond, roundsNote } from '../lib/measure.js';
import { pgEmmettAppender, pgPortAppender } from '../lib/pgAppenders.js';
import { type BenchPostgres, startBenchPostgres } from '../lib/postgres.js';
import { measured, ratioAtLeast, reportedOnly, type Target, unmeasured } from '../lib/rows.js';
import type { Figure, FigureContext, FigureRow } from '../lib/types.js';

const single = {
  name: 'pg-peer-append-single',
  title: 'sijill vs Emmett PostgreSQL: durable one-event appends',
  unit: 'events/s',
  baseline: "Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql), same workload, same server",
  target: reportedOnly.text,
};
const batch = {
  name: 'pg-peer-append-batch',
  title: 'sijill vs Emmett PostgreSQL: 100-event appends',
  unit: 'events/s',
  baseline: single.baseline,
  target: 'ratio ≥ 1',
};

const timed = (appender: Appender, ms: number) => () => ratePerSecond(ms, () => appender.step());

const compare = async (
  context: FigureContext,
  { server, settings }: BenchPostgres,
  row: typeof single,
  size: number,
  target: Target,
  emmett: EmmettPostgres,
): Promise<FigureRow> => {
  const sijill = await pgPortAppender(await server.createDatabase(), size);
  const other = pgEmmettAppender(emmett, await server.createDatabase(), size);
  try {
    const roundMs = context.quick ? 250 : 2_500;
    const rounds = context.quick ? 2 : 3;
    // The warm-up also lets Emmett create its schema (on its first append).
    await timed(sijill, roundMs / 5)();
    await timed(other, roundMs / 5)();
    context.log(`${row.name}: ${rounds} rounds of ${roundMs} ms each side`);
    const r = await alternate(rounds, timed(sijill, roundMs), timed(other, roundMs));
    return measured({
      ...row,
      value: r.subject,
      baselineValue: r.baseline,
      target,
      notes: [
        `${size === 1 ? 'one event' : `${size} events`} per append, 100 streams in turn, exact expected versions on both, one append at a time`,
        settings,
        'each store in its own database on the same server, with its own connection pool (both as they open by default)',
        `median of ${rounds} alternating rounds`,
        roundsNote('sijill', r.subjectRounds, 'events/s'),
        roundsNote('Emmett', r.baselineRounds, 'events/s'),
        other.failures.size > 0
          ? `Emmett failed ${[...other.failures].map(([message, n]) => `${n} appends with "${message}"`).join(', ')} (retried)`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  } finally {
    await sijill.close();
    await other.close();
  }
};

/**
 * sijill's PostgreSQL store against Emmett's on the append workloads of `pg-append-*`. The
 * single-event row is reported without a target; the batch row's target is parity.
 */
export const pgPeer: Figure = {
  name: 'pg-peer',
  title: "sijill vs Emmett's PostgreSQL event store",
  rows: [single, batch],
  async run(context) {
    if (!emmettPostgresInstalled())
      return unmeasured(this, 'skipped', `Emmett's PostgreSQL store not installed (npm --prefix ${EMMETT_POSTGRES_DIR} ci)`);
    let emmett: EmmettPostgres;
    try {
      emmett = await loadEmmettPostgres();
    } catch (error) {
      return unmeasured(this, 'skipped', `Emmett's PostgreSQL store does not load here: ${(error as Error).message}`);
    }
    const postgres = await startBenchPostgres();
    if ('unavailable' in postgres) return unmeasured(this, 'skipped', `no PostgreSQL: ${postgres.unavailable}`);
    try {
      const versions = `emmett-postgresql ${await packageVersion('@event-driven-io/emmett-postgresql', EMMETT_POSTGRES_DIR)}`;
      const rows = [
        await compare(context, postgres, single, 1, reportedOnly, emmett),
        await compare(context, postgres, batch, 100, ratioAtLeast(1), emmett),
      ];
      return rows.map((r) => ({ ...r, notes: `${versions}; ${r.notes}` }));
    } finally {
      await postgres.server.stop();
    }
  },
};
