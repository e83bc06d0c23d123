import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The lines of a stream, without their line ends, read as the consumer pulls. */
export const linesOf = (input: Readable): AsyncIterable<string> =>
  createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });

/** The lines of a file; each call reads it afresh (validation and import are two passes). */
export const fileLines = (path: string): AsyncIterable<string> => linesOf(createReadStream(path, { encoding: 'utf8' }));
