import kurrentdb from '@kurrent/kurrentdb-client';
import type {
  AppendStreamState,
  EventData,
  KurrentDBClient,
  ResolvedEvent,
} from '../../services/eventstore/kurrentdb/kurrentClient.js';

interface AppendStreamRequest {
  readonly streamName: string;
  readonly events: EventData[];
  readonly expectedState: AppendStreamState;
}

const matches = (expected: AppendStreamState, current: bigint | undefined): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === undefined;
  if (expected === 'stream_exists') return current !== undefined;
  return current === expected;
};

/**
 * A scripted stand-in for the parts of `KurrentDBClient` that appends use: `readStream`,
 * `multiStreamAppend` (checked and applied atomically, as KurrentDB 25.1 does, with the
 * client's own precondition that metadata values are strings), and `appendToStream`, which
 * only counts calls (a multi-stream append must never fall back to it). `failNext` makes the
 * next `multiStreamAppend` reject with a given error without writing anything.
 */
export class ScriptedClient {
  readonly streams = new Map<string, ResolvedEvent[]>();
  readonly multiAppends: AppendStreamRequest[][] = [];
  singleAppends = 0;
  #position = 1_000n;
  #failures: unknown[] = [];

  failNext(error: unknown): void {
    this.#failures.push(error);
  }

  get asClient(): KurrentDBClient {
    return this as unknown as KurrentDBClient;
  }

  get head(): bigint {
    return this.#position;
  }

  async multiStreamAppend(requests: AppendStreamRequest[]) {
    for (const { events } of requests) {
      for (const { metadata } of events) {
        if (metadata != null && Object.values(metadata as object).some((value) => typeof value !== 'string'))
          throw new Error('multiStreamAppend requires metadata to be a plain object with string keys and string values.');
      }
    }
    this.multiAppends.push(requests);
    const failure = this.#failures.shift();
    if (failure !== undefined) throw failure;
    for (const { streamName, expectedState } of requests) {
      const current = this.streams.get(streamName)?.at(-1)?.event?.revision;
      if (!matches(expectedState, current))
        throw new kurrentdb.WrongExpectedVersionError(undefined, {
          streamName,
          expected: expectedState,
          current: current ?? 'no_stream',
        });
    }
    const responses = requests.map(({ streamName, events }) => {
      const stream = this.streams.get(streamName) ?? [];
      for (const data of events) {
        this.#position += 100n;
        stream.push({
          event: {
            streamId: streamName,
            id: data.id!,
            revision: BigInt(stream.length),
            type: data.type,
            created: new Date(Date.UTC(2026, 0, 1) + Number(this.#position)),
            data: data.data,
            // A property the server may add beside the client's: not the port's metadata.
            metadata: { ...(data.metadata as object), '$schema.format': 'Json' },
            isJson: true,
            position: { commit: this.#position, prepare: this.#position },
          },
          commitPosition: this.#position,
        } as ResolvedEvent);
      }
      this.streams.set(streamName, stream);
      return { streamName, revision: BigInt(stream.length - 1) };
    });
    return { position: this.#position, responses };
  }

  async appendToStream(): Promise<never> {
    this.singleAppends += 1;
    throw new Error('a multi-stream append must not fall back to single appends');
  }

  readStream(streamName: string, options: { direction?: string; fromRevision?: bigint | string; maxCount?: number | bigint }) {
    const stream = this.streams.get(streamName);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    return (async function* () {
      if (!stream) throw new kurrentdb.StreamNotFoundError(undefined, streamName);
      let events = backwards ? [...stream].reverse() : stream;
      if (typeof from === 'bigint')
        events = events.filter(({ event }) => (backwards ? event!.revision <= from : event!.revision >= from));
      yield* events.slice(0, options.maxCount === undefined ? undefined : Number(options.maxCount));
    })();
  }

  async dispose(): Promise<void> {}
}
