import { appendVsRaw } from '../lib/appendVsRaw.js';
import type { Figure } from '../lib/types.js';

const row = {
  name: 'append-single',
  title: 'durable one-event appends through the port',
  unit: 'events/s',
  baseline: 'raw better-sqlite3 one-row transactions, same pragmas and table',
  target: 'ratio ≥ 0.7',
};

export const appendSingle: Figure = {
  name: 'append-single',
  title: row.title,
  rows: [row],
  run: (context) => appendVsRaw(context, { ...row, batch: 1 }),
};
