import { appendVsRaw } from '../lib/appendVsRaw.js';
import type { Figure } from '../lib/types.js';

const row = {
  name: 'append-batch',
  title: 'durable 100-event appends through the port',
  unit: 'events/s',
  baseline: 'raw better-sqlite3 100-row transactions, same pragmas and table',
  target: 'ratio ≥ 0.7',
};

export const appendBatch: Figure = {
  name: 'append-batch',
  title: row.title,
  rows: [row],
  run: (context) => appendVsRaw(context, { ...row, batch: 100 }),
};
