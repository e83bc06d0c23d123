import { pgAppendVsRaw } from '../lib/pgAppendVsRaw.js';
import type { Figure } from '../lib/types.js';

const row = {
  name: 'pg-append-single',
  title: 'durable one-event appends through the PostgreSQL port',
  unit: 'events/s',
  baseline: 'raw pg one-row INSERT transactions, equivalent table, same server',
  target: 'ratio ≥ 0.7',
};

export const pgAppendSingle: Figure = {
  name: 'pg-append-single',
  title: row.title,
  rows: [row],
  run(context) {
    return pgAppendVsRaw(context, { ...row, rows: this.rows, batch: 1 });
  },
};
