import { toEnvelope } from '../envelope.js';
import type { EventStore } from '../eventstore/port.js';

const PAGE = 1_000;

export interface ExportRange {
  /** Exclusive: start after this position. @defaultValue the start of the log */
  readonly after?: bigint;
  /** Inclusive: stop at this position. @defaultValue the head when the export started */
  readonly to?: bigint;
}

/**
 * The log as NDJSON: one integrator envelope per line, in position order, read in pages as
 * the consumer pulls (a slow download holds one page in memory, not the log). The head is
 * fixed when the export starts, so an export is a consistent prefix even while writers append.
 */
export async function* exportLog(store: EventStore, range: ExportRange = {}): AsyncGenerator<string> {
  const head = await store.headPosition();
  const to = range.to !== undefined && range.to < head ? range.to : head;
  let after = range.after ?? 0n;
  while (after < to) {
    const page = await store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return;
    for (const event of page) {
      if (event.position > to) return;
      yield `${JSON.stringify(toEnvelope(event))}\n`;
    }
    after = page.at(-1)!.position;
  }
}
