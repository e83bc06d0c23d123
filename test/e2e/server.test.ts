import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/ledger.js';
import { SERVICE_ARGS } from '../support/server.js';

/**
 * The README's run command, as a newcomer runs it: a real process serving HTTP with the
 * worked example loaded, stopped with SIGTERM and restarted on the same file.
 */
let dir: Awaited<ReturnType<typeof tempDir>>;
const port = 30_000 + Math.floor(Math.random() * 20_000);
const base = `http://127.0.0.1:${port}`;

const start = async (): Promise<ChildProcess> => {
  const child = spawn(process.execPath, [...SERVICE_ARGS, '--demo'], {
    env: { ...process.env, SIJILL_STORE: join(dir.dir, 'ledger.db'), SIJILL_PORT: String(port), SIJILL_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  // Wait for the log line that says the server listens, not for a guessed delay.
  await new Promise<void>((resolve, reject) => {
    const check = () => (output.includes('sijill ready') ? resolve() : undefined);
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return child;
};

const stop = async (child: ChildProcess) => {
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  return code;
};

beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.cleanup());

describe('npm run demo', () => {
  it('serves /docs and the worked example, stops gracefully and keeps every write', async () => {
    let server = await start();
    const docs = await fetch(`${base}/docs/`);
    expect(docs.status).toBe(200);
    const place = (await (await fetch(`${base}/v1/places/al-susa`)).json()) as { names: { ar: string } };
    expect(place.names.ar).toBe('السوسة');
    const written = await fetch(`${base}/v1/sources/al-furat-post/reliability`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reliability: 'B', reason: 'corroborated twice' }),
    });
    expect(written.status).toBe(201);
    const { position } = (await written.json()) as { position: string };
    expect(await stop(server)).toBe(0);

    server = await start();
    const source = (await (await fetch(`${base}/v1/sources/al-furat-post?minPosition=${position}`)).json()) as {
      reliability: string;
    };
    expect(source.reliability).toBe('B');
    const head = ((await (await fetch(`${base}/health/ready`)).json()) as { position: string }).position;
    expect(head).toBe(position);
    expect(await stop(server)).toBe(0);
  });
});
