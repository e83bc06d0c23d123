import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/ledger.js';
import { type ServerProcess, startServer } from '../support/server.js';
import { readLedgerSnapshot } from '../support/snapshots.js';

/**
 * Blue/green on SQLite (issue 14): the service holds its ledger file exclusively, so
 * `npm run rebuild -- --from <url>` reads the log through the running service and builds the
 * read models beside its snapshot while it goes on answering; the promoted snapshot equals what
 * the service itself folded, event by event.
 */
let dir: Awaited<ReturnType<typeof tempDir>>;
let server: ServerProcess;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await tempDir();
  env = { SIJILL_STORE: join(dir.dir, 'ledger.db'), SIJILL_SNAPSHOT: join(dir.dir, 'readmodels.snapshot') };
  server = await startServer({ ...env, SIJILL_HOST: '127.0.0.1' }, ['--demo']);
});
afterAll(async () => {
  await server?.stop();
  await dir.cleanup();
});

describe('npm run rebuild -- --from <service>', () => {
  it('rebuilds from the running service’s log while it keeps answering, and promotes what the service itself holds', async () => {
    const { head } = (await (await fetch(`${server.base}/v1/events?direction=backwards&limit=1`)).json()) as { head: string };
    expect(Number(head)).toBeGreaterThan(35);
    // The service answers all along: a request every 20 ms while the rebuild runs.
    let asked = 0;
    const failures: number[] = [];
    let rebuilding = true;
    const polling = (async () => {
      while (rebuilding) {
        const response = await fetch(`${server.base}/v1/control?claimIds=false`);
        asked++;
        if (response.status !== 200) failures.push(response.status);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const { code, output } = await runCli('rebuild.ts', ['--from', server.base, '--checkpoint-every', '10'], env);
    rebuilding = false;
    await polling;
    expect(code, output).toBe(0);
    expect(output).toContain(`rebuilding read models of ${server.base}`);
    expect(output).toContain(`done: read models at position ${head}`);
    expect(asked).toBeGreaterThan(0);
    expect(failures).toEqual([]);

    const promoted = await readLedgerSnapshot(env.SIJILL_SNAPSHOT!);
    expect(promoted?.position).toBe(BigInt(head));
    // The service never saved before (no save was due): stopping it saves what it folded itself.
    expect(await server.stop()).toBe(0);
    const own = await readLedgerSnapshot(env.SIJILL_SNAPSHOT!);
    expect(own?.position).toBe(promoted!.position);
    expect(own!.state).toEqual(promoted!.state);
  });

  it('refuses a --from that is not a URL, with exit code 2', async () => {
    const { code, output } = await runCli('rebuild.ts', ['--from', 'localhost:3000'], env);
    expect(code).toBe(2);
    expect(output).toContain("--from takes the service's base URL, http://host:port, not 'localhost:3000'");
  });

  it('presents SIJILL_TOKEN to a service with tokens, and says to set it when it is missing', async () => {
    const reader = 'reader-token-0123456789';
    const guarded = await tempDir();
    const guardedEnv = {
      SIJILL_STORE: join(guarded.dir, 'ledger.db'),
      SIJILL_SNAPSHOT: join(guarded.dir, 'readmodels.snapshot'),
    };
    const service = await startServer({ ...guardedEnv, SIJILL_HOST: '127.0.0.1', SIJILL_TOKENS: `${reader}=omar:reader` }, [
      '--demo',
    ]);
    try {
      const refused = await runCli('rebuild.ts', ['--from', service.base], guardedEnv);
      expect(refused.code).toBe(1);
      expect(refused.output).toContain("refused to show its log (401): set SIJILL_TOKEN to a reader's token of that service");
      const rebuilt = await runCli('rebuild.ts', ['--from', service.base], { ...guardedEnv, SIJILL_TOKEN: reader });
      expect(rebuilt.code, rebuilt.output).toBe(0);
      expect(rebuilt.output).toMatch(/done: read models at position \d+, promoted/);
    } finally {
      await service.stop();
      await guarded.cleanup();
    }
  });

  it('without --from, on the SQLite file the service holds, says to stop it or to use --from', async () => {
    const guarded = await tempDir();
    const guardedEnv = {
      SIJILL_STORE: join(guarded.dir, 'ledger.db'),
      SIJILL_SNAPSHOT: join(guarded.dir, 'readmodels.snapshot'),
    };
    const service = await startServer({ ...guardedEnv, SIJILL_HOST: '127.0.0.1' });
    try {
      const { code, output } = await runCli('rebuild.ts', [], guardedEnv);
      expect(code).toBe(1);
      expect(output).toContain('is in use by another process');
      expect(output).toContain('stop the service first, or rebuild beside it through its API: npm run rebuild -- --from http://');
    } finally {
      await service.stop();
      await guarded.cleanup();
    }
  });
});
