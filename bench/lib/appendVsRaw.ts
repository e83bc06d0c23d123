import { join } from 'node:path';
import { type Appender, portAppender, rawAppender } from './appenders.js';
import { alternate, fmt, ratePerSecond, roundsNote } from './measure.js';
import { measured, ratioAtLeast } from './rows.js';
import type { FigureContext, FigureRow } from './types.js';

const timed = (appender: Appender, ms: number) => () => ratePerSecond(ms, () => appender.step());

/** Figures 1 and 2: durable appends through the port vs raw better-sqlite3 transactions, alternating rounds. */
export const appendVsRaw = async (
  context: FigureContext,
  figure: { name: string; title: string; batch: number; baseline: string },
): Promise<FigureRow[]> => {
  const dir = join(context.workDir, figure.name);
  const port = await portAppender(join(dir, 'port'), figure.batch);
  const raw = await rawAppender(join(dir, 'raw'), figure.batch);
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
          `${figure.batch === 1 ? 'one event' : `${figure.batch} events`} per append, 100 streams in turn, exact expected revisions`,
          `synchronous=FULL both (raw reads back synchronous=${raw.synchronous})`,
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
};
