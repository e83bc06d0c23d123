import { deciders } from '../../domain/deciders.js';
import { DomainError } from '../../domain/errors.js';
import { categoryOf } from '../../domain/ids.js';
import { eventIdsOf } from '../commands/eventIds.js';
import { BatchRejected, executeMany, onStream, type StreamCommand } from '../commands/executeMany.js';
import { type Registration, registrationStream } from '../commands/registerEntity.js';
import { metadataOf, type WriteContext } from '../commands/writeContext.js';
import type { EventStore } from '../eventstore/port.js';
import type { OutcomeCell } from './datasetCommands.js';
import type { ReportLine } from './report.js';

/** A registration on its stream, through the aggregate's decider (an identical repeat appends nothing). */
export const registrationCommand = (registration: Registration): StreamCommand => {
  const streamId = registrationStream(registration);
  switch (registration.type) {
    case 'RegisterSource':
      return onStream(streamId, deciders.source, registration);
    case 'RegisterPlace':
      return onStream(streamId, deciders.place, registration);
    case 'RegisterActor':
      return onStream(streamId, deciders.actor, registration);
    case 'RecordArticle':
      return onStream(streamId, deciders.article, registration);
  }
};

/** One row ready to write: its registrations, the entities it needs, its own command, and where its outcome lands. */
export interface PendingRow {
  readonly row: number;
  readonly externalId?: string;
  readonly registrations: readonly Registration[];
  /** Streams the row's command names that this batch may register (for the row-by-row retry). */
  readonly references: readonly string[];
  readonly command: StreamCommand;
  readonly outcome: OutcomeCell;
  /** What the mapping had to change in the row (its report line's `note`). */
  readonly note?: string;
}

/** What a batch wrote: a report line per row, and how many entities it registered. */
export interface BatchResult {
  readonly lines: readonly ReportLine[];
  readonly registered: number;
}

/** A refused command as a report field: the rule's first field, under the row's own column names where they differ. */
const refusal = (row: PendingRow, error: DomainError, streamId: string): ReportLine => ({
  row: row.row,
  ...(row.externalId !== undefined ? { externalId: row.externalId } : {}),
  outcome: 'refused',
  field: error.fields[0] ?? categoryOf(streamId),
  reason: `${error.code}: ${error.message}`,
});

/**
 * Writes rows in batches through the command layer (`executeMany`: decided together, appended
 * in one atomic `appendMulti`), so a batch of 250 rows costs one transaction, not 250.
 * A row a rule refuses never sinks the others: when a batch is refused, each of its rows is
 * written alone (its registrations, then its command) and the refused ones are reported.
 */
export class BatchWriter {
  #rows: PendingRow[] = [];
  readonly #streams = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly write: WriteContext,
    readonly size: number,
  ) {}

  get length(): number {
    return this.#rows.length;
  }

  /** Whether the batch already writes to this stream (a second command on it must wait for the next batch). */
  holds(streamId: string): boolean {
    return this.#streams.has(streamId);
  }

  add(row: PendingRow): void {
    this.#rows.push(row);
    this.#streams.add(row.command.streamId);
  }

  async #execute(commands: readonly StreamCommand[]) {
    return executeMany(this.store, commands, {
      metadata: metadataOf(this.write),
      eventId: (index, event, i) => eventIdsOf({ principal: this.write.principal }, index)(event, i),
    });
  }

  async flush(): Promise<BatchResult> {
    const rows = this.#rows;
    this.#rows = [];
    this.#streams.clear();
    if (rows.length === 0) return { lines: [], registered: 0 };
    const planned = new Map<string, StreamCommand>();
    for (const row of rows)
      for (const r of row.registrations)
        if (!planned.has(registrationStream(r))) planned.set(registrationStream(r), registrationCommand(r));
    const registeredBy = (outcomes: readonly { streamId: string; appended: boolean }[]) =>
      outcomes.filter((o) => o.appended && planned.has(o.streamId)).length;
    const line = (row: PendingRow): ReportLine => ({
      row: row.row,
      ...(row.externalId !== undefined ? { externalId: row.externalId } : {}),
      outcome: row.outcome.value ?? 'unchanged',
      streamId: row.command.streamId,
      ...(row.outcome.reason !== undefined ? { reason: row.outcome.reason } : {}),
      ...(row.note !== undefined ? { note: row.note } : {}),
    });
    try {
      const outcomes = await this.#execute([...planned.values(), ...rows.map((r) => r.command)]);
      return { lines: rows.map(line), registered: registeredBy(outcomes) };
    } catch (error) {
      if (!(error instanceof BatchRejected) && !(error instanceof DomainError)) throw error;
    }
    // Row by row: each with the registrations it needs (written once; a repeat is a no-op).
    const lines: ReportLine[] = [];
    let registered = 0;
    for (const row of rows) {
      const needs = row.references.flatMap((s) => (planned.has(s) ? [planned.get(s)!] : []));
      const commands = [...needs, row.command];
      try {
        const outcomes = await this.#execute(commands);
        registered += registeredBy(outcomes);
        for (const s of row.references) planned.delete(s);
        lines.push(line(row));
      } catch (error) {
        if (error instanceof BatchRejected) {
          const first = error.rejections[0]!;
          lines.push(refusal(row, first.error, commands[first.index]!.streamId));
        } else if (error instanceof DomainError) lines.push(refusal(row, error, row.command.streamId));
        else throw error;
      }
    }
    return { lines, registered };
  }
}
