import { join } from 'node:path';
import { type Appender, emmettAppender, portAppender } from '../lib/appenders.js';
import { benchDepsInstalled, loadEmmettSqlite, loadSqlite3, packageVersion } from '../lib/benchDeps.js';
import { alternate, ratePerSecond, roundsNote } from '../lib/measure.js';
import { measured, ratioAtLeast, type Target, unmeasured } from '../lib/rows.js';
import type { Figure, FigureContext, FigureRow } from '../lib/types.js';

const single = {
  name: 'peer-append-single',
  title: 'sijill vs Emmett SQLite: durable one-event appends',
  unit: 'events/s',
  baseline: "Emmett's SQLite event store (@event-driven-io/emmett-sqlite, sqlite3), same workload",
  target: 'ratio ≥ 5',
};
const batch = {
  name: 'peer-append-batch',
  title: 'sijill vs Emmett SQLite: 100-event appends',
  unit: 'events/s',
  baseline: single.baseline,
  target: 'ratio ≥ 1',
};

const timed = (appender: Appender, ms: number) => () => ratePerSecond(ms, () => appender.step());

/** What synchronous level a fresh sqlite3 connection (as Emmett opens them) runs with. */
const sqlite3Synchronous = async (path: string): Promise<string> => {
  const sqlite3 = await loadSqlite3();
  const db = new sqlite3.Database(path);
  const row = await new Promise<Record<string, unknown>>((resolve, reject) =>
    db.get('PRAGMA synchronous', (error, r) => (error ? reject(error) : resolve(r))),
  );
  await new Promise<void>((resolve) => db.close(() => resolve()));
  const level = Number(Object.values(row)[0]);
  return `${level} (${['OFF', 'NORMAL', 'FULL', 'EXTRA'][level] ?? '?'}), SQLite ${sqlite3.VERSION}`;
};

const compare = async (
  context: FigureContext,
  row: typeof single,
  size: number,
  target: Target,
  emmett: Awaited<ReturnType<typeof loadEmmettSqlite>>,
): Promise<FigureRow> => {
  const dir = join(context.workDir, row.name);
  const sijill = await portAppender(join(dir, 'sijill'), size);
  const other = await emmettAppender(emmett, join(dir, 'emmett'), size);
  try {
    const roundMs = context.quick ? 250 : 2_500;
    const rounds = context.quick ? 2 : 3;
    await timed(sijill, roundMs / 5)();
    await timed(other, roundMs / 5)();
    context.log(`${row.name}: ${rounds} rounds of ${roundMs} ms each side`);
    const r = await alternate(rounds, timed(sijill, roundMs), timed(other, roundMs));
    const synchronous = await sqlite3Synchronous(join(dir, 'emmett', 'emmett.db'));
    return measured({
      ...row,
      value: r.subject,
      baselineValue: r.baseline,
      target,
      notes: [
        `${size === 1 ? 'one event' : `${size} events`} per append, 100 streams in turn, exact expected versions on both`,
        `sijill synchronous=FULL; Emmett's connections: WAL, synchronous=${synchronous} (it sets none itself)`,
        'Emmett opens and closes an sqlite3 connection per append (its behaviour for a file database)',
        `median of ${rounds} alternating rounds`,
        roundsNote('sijill', r.subjectRounds, 'events/s'),
        roundsNote('Emmett', r.baselineRounds, 'events/s'),
        other.failures.size > 0
          ? `Emmett failed ${[...other.failures].map(([message, n]) => `${n} appends with "${message}"`).join(', ')} (rolled back, retried)`
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

export const peer: Figure = {
  name: 'peer',
  title: "sijill vs Emmett's SQLite event store",
  rows: [single, batch],
  async run(context) {
    if (!benchDepsInstalled()) return unmeasured(this, 'skipped', 'bench dependencies not installed (npm --prefix bench ci)');
    let emmett: Awaited<ReturnType<typeof loadEmmettSqlite>>;
    try {
      emmett = await loadEmmettSqlite();
    } catch (error) {
      return unmeasured(this, 'skipped', `Emmett's SQLite store does not load here: ${(error as Error).message}`);
    }
    const versions = `emmett-sqlite ${await packageVersion('@event-driven-io/emmett-sqlite')}, sqlite3 ${await packageVersion('sqlite3')}`;
    const rows = [
      await compare(context, single, 1, ratioAtLeast(5), emmett),
      await compare(context, batch, 100, ratioAtLeast(1), emmett),
    ];
    return rows.map((r) => ({ ...r, notes: `${versions}; ${r.notes}` }));
  },
};
