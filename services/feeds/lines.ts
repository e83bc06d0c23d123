import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * The lines of a stream, without their line ends (LF or CRLF), read as the consumer pulls.
 *
 * `readline` starts reading its input the moment its interface is made and emits lines (and
 * its `close`) to whoever listens then: lines emitted before a `for await` attaches are lost,
 * and with `close` lost too the loop waits forever (nodejs/node#33463). The import awaits the
 * store before it pulls its first line, so the interface is made only when iteration starts.
 */
export async function* linesOf(input: Readable): AsyncGenerator<string> {
  yield* createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

/**
 * The lines of a file; each call reads it afresh (validation and import are two passes), and
 * opens it only when iteration starts.
 */
export async function* fileLines(path: string): AsyncGenerator<string> {
  yield* linesOf(createReadStream(path, { encoding: 'utf8' }));
}
