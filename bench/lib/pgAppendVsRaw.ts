import type { Appender } from './appenders.js';
import { alternate, fmt, ratePerSecond, roundsNote } from './measure.js';
import { pgPortAppender, pgRawAppender } from './pgAppenders.js';
import { startBenchPostgres } from './postgres.js';
import { measured, ratioAtLeast, unmeasured } from './rows.js';
import type { Figure, FigureContext, FigureRow } from './types.js';

const timed = (appender: Appender, ms: number) => () => ratePerSecond(ms, () => appender.step());

/**
 * The PostgreSQL append figures: appends through the port (`PostgresEventStore`) vs raw `pg`
 * INSERT transactions into an equivalent table, each in a database of its own on the same
 * server, in alternating rounds.
 */
export const pgAppendVsRaw = async (
  context: FigureContext,
  figure: Pick<Figure, 'rows'> & { name: string; title: string; batch: number; baseline: string },
): Promise<FigureRow[]> => {
  const postgres = await startBenchPostgres();
  if ('unavailable' in postgres) return unmeasured(figure, 'skipped', `no PostgreSQL: ${postgres.unavailable}`);
  const { server, settings } = postgres;
  try {
    const port = await pgPortAppender(await server.createDatabase(), figure.batch);
    const raw = await pgRawAppender(await server.createDatabase(), figure.batch);
    try {
      const roundMs = context.quick ? 250 : 2_500;
      const rounds = context.quick ? 2 : 4;
      await timed(raw, roundMs / 5)();
      await timed(port, roundMs / 5)();
      context.log(`${figure.name}: ${rounds} rounds of ${roundMs} ms each side`);
      const r = await alternate(rounds, timed(port, roundMs), timed(raw, roundMs));
      return [
        measured({
          name: figure.name,
          title: figure.title,
          value: r.subject,
          unit: 'events/s',
          baseline: figure.baseline,
          baselineValue: r.baseline,
          target: ratioAtLeast(0.7),
          notes: [
            `${figure.batch === 1 ? 'one event' : `${figure.batch} events`} per append, 100 streams in turn, exact expected revisions, one append at a time`,
            settings,
            `median of ${rounds} alternating rounds`,
            roundsNote('port', r.subjectRounds, 'events/s'),
            roundsNote('raw', r.baselineRounds, 'events/s'),
            figure.batch > 1 ? `${fmt(r.subject / figure.batch)} appends/s` : '',
          ]
            .filter(Boolean)
            .join('; '),
        }),
      ];
    } finally {
      await port.close();
      await raw.close();
    }
  } finally {
    await server.stop();
  }
};
