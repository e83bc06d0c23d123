import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLines, linesOf } from '../../services/feeds/lines.js';

/**
 * The import checks the ledger (awaiting the store) before it pulls the first line. Lines
 * read by `readline` before anyone iterates were lost, and with them the end of input: the
 * import then waited forever (seen under load, where the store's first answer came after the
 * file had been read). Lines must be read only as the consumer pulls, however late it starts.
 */
describe('lines of an export, pulled late', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sijill-lines-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const collect = async (lines: AsyncIterable<string>) => {
    const got: string[] = [];
    for await (const line of lines) got.push(line);
    return got;
  };

  it('a file: every line, when iteration starts well after the call', async () => {
    const path = join(dir, 'three.ndjson');
    await writeFile(path, '{"a":1}\n{"b":2}\r\n{"c":3}\n');
    const lines = fileLines(path);
    await sleep(100); // the file is long read by now if reading started at the call
    await expect(collect(lines)).resolves.toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('a stream that has already ended: every line, then the end', async () => {
    const input = new PassThrough();
    const lines = linesOf(input);
    input.end('x\ny');
    await sleep(50);
    await expect(collect(lines)).resolves.toEqual(['x', 'y']);
  });

  it('each call of fileLines reads the file afresh (the two passes of an import)', async () => {
    const path = join(dir, 'two.ndjson');
    await writeFile(path, 'one\ntwo\n');
    await expect(collect(fileLines(path))).resolves.toEqual(['one', 'two']);
    await expect(collect(fileLines(path))).resolves.toEqual(['one', 'two']);
  });
});
