import { type Decider, existingInEither } from '../../domain/decider.js';
import { DomainError } from '../../domain/errors.js';
import type { DomainEvent } from '../../domain/events.js';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../eventstore/errors.js';
import type { ActualRevision, AppendResult, EventMetadata, EventStore, RecordedEvent, StreamAppend } from '../eventstore/port.js';
import { batchReads, load, type StreamReads, toNewEvents, type WriteOutcome } from './execute.js';

interface Prepared {
  readonly last: RecordedEvent | undefined;
  readonly current: ActualRevision;
  /** Decide, counting the streams that commands earlier in the batch create as existing. */
  decide(createdEarlier: ReadonlySet<string>): DomainEvent[];
}

/** One command of a batch, on its own stream, with its decider (batches mix aggregates). */
export interface StreamCommand {
  readonly streamId: string;
  /** Read what the decision needs (through `reads`, shared by the batch) and return the decision to make. */
  prepare(reads: StreamReads): Promise<Prepared>;
}

export const onStream = <Command, State>(
  streamId: string,
  decider: Decider<Command, State>,
  command: Command,
): StreamCommand => ({
  streamId,
  prepare: async (reads) => {
    const { last, current, state, existing } = await load(reads, decider, streamId, command);
    return {
      last,
      current,
      decide: (createdEarlier) => decider.decide(command, state, { existing: existingInEither(existing, createdEarlier) }),
    };
  },
});

/** Commands of a batch that a rule refused: nothing of the batch was written. */
export class BatchRejected extends Error {
  override readonly name = 'BatchRejected';
  constructor(readonly rejections: readonly { readonly index: number; readonly error: DomainError }[]) {
    super(`${rejections.length} command(s) of the batch were refused; nothing was written`);
  }
}

export interface ExecuteManyOptions {
  readonly metadata: EventMetadata;
  /** The id of the i-th new event of the n-th command. */
  readonly eventId: (commandIndex: number, event: DomainEvent, index: number) => string;
  /** How many times the whole batch is decided again when another writer got in first. @defaultValue 5 */
  readonly maxAttempts?: number;
}

/**
 * Decide every command once, then append everything in one `appendMulti`: the batch is
 * written whole or not at all.
 * - Decisions run in the order given; a stream an earlier command creates counts as existing
 *   for the later ones (a place before the places under it).
 * - Any command a rule refuses: `BatchRejected` listing every refusal, nothing written.
 * - Commands with nothing to do (an identical repeat) append nothing and answer with where
 *   their stream stands.
 * - Another writer changed one of the streams between decision and append (a revision
 *   conflict, or its events overlapping ours): the whole batch is decided again on the new
 *   state, up to `maxAttempts` times, then the store's error propagates. Never partial.
 * - The same stream twice is refused (`RangeError`): give one command per stream.
 */
export const executeMany = async (
  store: EventStore,
  commands: readonly StreamCommand[],
  options: ExecuteManyOptions,
): Promise<WriteOutcome[]> => {
  const streams = new Set(commands.map(({ streamId }) => streamId));
  if (streams.size !== commands.length) throw new RangeError('executeMany: one command per stream');
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    // Fresh reads each round: a retry decides on what the other writer left.
    const reads = batchReads(store);
    const prepared = await Promise.all(commands.map((command) => command.prepare(reads)));
    const created = new Set<string>();
    const rejections: { index: number; error: DomainError }[] = [];
    const decided = prepared.map((p, index) => {
      try {
        const events = p.decide(created);
        if (events.length > 0 && p.current === 'no_stream') created.add(commands[index]!.streamId);
        return events;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        rejections.push({ index, error });
        return [];
      }
    });
    if (rejections.length > 0) throw new BatchRejected(rejections);

    const appending: number[] = [];
    const appends: StreamAppend[] = [];
    decided.forEach((events, index) => {
      if (events.length === 0) return;
      appending.push(index);
      appends.push({
        streamId: commands[index]!.streamId,
        events: toNewEvents(events, options.metadata, (event, i) => options.eventId(index, event, i)),
        expectedRevision: prepared[index]!.current,
      });
    });
    let results: AppendResult[];
    try {
      results = appends.length > 0 ? await store.appendMulti(appends) : [];
    } catch (error) {
      const overtaken = error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError;
      if (!overtaken || attempt >= maxAttempts) throw error;
      continue;
    }
    const appended = new Map(appending.map((index, k) => [index, results[k]!]));
    return prepared.map(({ last }, index): WriteOutcome => {
      const { streamId } = commands[index]!;
      const result = appended.get(index);
      if (result) return { streamId, revision: result.nextExpectedRevision, position: result.position, appended: true };
      // Nothing to do: the ledger already says what the command asks.
      if (!last) throw new Error(`decider returned no events for a missing stream ${streamId}`);
      return { streamId, revision: last.revision, position: last.position, appended: false };
    });
  }
};
