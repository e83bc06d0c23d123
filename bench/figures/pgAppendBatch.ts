import { pgAppendVsRaw } from '../lib/pgAppendVsRaw.js';
import type { Figure } from '../lib/types.js';

const row = {
  name: 'pg-append-batch',
  title: 'durable 100-event appends through the PostgreSQL port',
  unit: 'events/s',
  baseline: 'raw pg 100-row INSERT transactions, equivalent table, same server',
  target: 'ratio ≥ 0.7',
};

export const pgAppendBatch: Figure = {
  name: 'pg-append-batch',
  title: row.title,
  rows: [row],
  run(context) {
    return pgAppendVsRaw(context, { ...row, rows: this.rows, batch: 100 });
  },
};
