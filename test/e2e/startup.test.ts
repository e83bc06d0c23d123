import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/ledger.js';
import { runServerToExit } from '../support/server.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.cleanup());

describe('starting with a configuration that says nothing', () => {
  it('SIJILL_TOKENS="," on 0.0.0.0 stops at start with exit code 2 and a message naming SIJILL_TOKENS', async () => {
    const { code, output } = await runServerToExit({
      SIJILL_HOST: '0.0.0.0',
      SIJILL_TOKENS: ',',
      SIJILL_STORE: join(dir.dir, 'ledger.db'),
    });
    expect(code).toBe(2);
    expect(output).toMatch(/SIJILL_TOKENS: names no token/);
    expect(output).not.toContain('sijill ready');
  });
});
