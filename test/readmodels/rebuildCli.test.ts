import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REBUILD_NODE_FLAGS } from '../../services/cli/rebuildFlags.js';
import { loadWorkedExample } from '../../services/demo/load.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { rebuildPathOf } from '../../services/readmodels/rebuild.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/ledger.js';
import { readLedgerSnapshot } from '../support/snapshots.js';

/** When: `npm run rebuild -- …args` runs as a real process (stderr not a terminal) — then: its exit code and output. */
const rebuild = (env: Record<string, string>, args: string[]) => runCli('rebuild.ts', args, env);

let dir: { dir: string; cleanup: () => Promise<void> };
let env: Record<string, string>;
beforeAll(async () => {
  dir = await tempDir('sijill-cli-rebuild-');
  env = { SIJILL_STORE: join(dir.dir, 'ledger.db'), SIJILL_SNAPSHOT: join(dir.dir, 'readmodels.snapshot') };
  const store = await openSqliteEventStore({ path: env.SIJILL_STORE! });
  try {
    await loadWorkedExample(store);
  } finally {
    await store.close();
  }
});
afterAll(() => dir.cleanup());

describe('npm run rebuild', () => {
  it('refuses a bad --checkpoint-every or an unknown flag with exit code 2, saying why', async () => {
    const bad = await rebuild(env, ['--checkpoint-every', '10k']);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain("--checkpoint-every takes a whole number of events ≥ 1, not '10k'");
    expect(bad.output).toContain('usage: npm run rebuild');
    const unknown = await rebuild(env, ['--frsh']);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain("Unknown option '--frsh'");
  });

  it('rebuilds into the green file and promotes it, printing plain progress lines when stderr is not a terminal', async () => {
    const { code, output } = await rebuild(env, ['--fresh', '--checkpoint-every', '10']);
    expect(code).toBe(0);
    expect(output).toContain('from the start of the log (head 35)');
    expect(output).toMatch(/^ {2}100\.00% {2}position 35\/35 {2}35 events {2}\d+ events\/s {2}ETA 0s$/m);
    expect(output).toContain('done: read models at position 35');
    const live = await readLedgerSnapshot(env.SIJILL_SNAPSHOT!);
    expect(live?.position).toBe(35n);
    await expect(stat(rebuildPathOf(env.SIJILL_SNAPSHOT!))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a ledger file that is not there, creating nothing, with exit code 1', async () => {
    const missing = join(dir.dir, 'no-such-ledger.db');
    const { code, output } = await rebuild({ ...env, SIJILL_STORE: missing }, []);
    expect(code).toBe(1);
    expect(output).toContain(`rebuild failed: no ledger file at ${missing}`);
    await expect(stat(missing)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses --from without SIJILL_SNAPSHOT or SIJILL_STORE (it could not promote where the service reads), with exit code 2', async () => {
    const { code, output } = await runCli('rebuild.ts', ['--from', 'http://127.0.0.1:9'], {});
    expect(code).toBe(2);
    expect(output).toContain('--from needs SIJILL_SNAPSHOT (or SIJILL_STORE) set as the service at http://127.0.0.1:9 has it');
  });

  it('runs through npm with the V8 flags the rebuild benchmark measures', async () => {
    const scripts = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')).scripts;
    expect(scripts.rebuild).toBe(`node ${REBUILD_NODE_FLAGS.join(' ')} --import tsx services/cli/rebuild.ts`);
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'rebuild', '--', '--help'], {
      cwd: new URL('../../', import.meta.url),
    });
    expect(stdout).toContain('usage: npm run rebuild');
  });
});
