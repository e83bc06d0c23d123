import { type ChildProcess, fork } from 'node:child_process';

/**
 * Child processes for isolation: each figure runs in its own process, servers run apart from
 * the load generator (two cores: one serves, one loads), and memory figures are taken in a
 * fresh process. Messages use V8 serialisation, so bigints and Maps cross as they are.
 */

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

const spawnTs = (file: string, execArgv: readonly string[]): ChildProcess =>
  fork(file, [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

const exitOf = (child: ChildProcess) =>
  new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`exited with ${signal ?? `code ${code}`}`));
  });

/** Run `file` (which calls `task`) with `input` in a fresh process; its answer, or its error. */
export const runTask = async <I, O>(file: string, input: I, execArgv: readonly string[] = []): Promise<O> => {
  const child = spawnTs(file, execArgv);
  const exited = exitOf(child);
  const reply = new Promise<Reply<O>>((resolve) => child.once('message', (m) => resolve(m as Reply<O>)));
  child.send(input as never);
  const answer = await Promise.race([reply, exited.then((how): Reply<O> => ({ ok: false, error: `task ${file} ${how}` }))]);
  await exited;
  if (!answer.ok) throw new Error(answer.error);
  return answer.value;
};

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** The child side of `runTask`: receive the input, answer once, exit. */
export const task = <I, O>(run: (input: I) => Promise<O>): void => {
  process.once('message', (input) => {
    run(input as I).then(
      (value) => process.send?.({ ok: true, value } satisfies Reply<O>, () => process.exit(0)),
      (error: unknown) => process.send?.({ ok: false, error: describe(error) } satisfies Reply<O>, () => process.exit(1)),
    );
  });
};

export interface RunningServer<S> {
  readonly port: number;
  readonly url: string;
  /** Close the server; resolves with what it reports on the way out. */
  stop(): Promise<S>;
}

/** Start a server process (`file` calls `server`) and wait until it listens. */
export const startServer = async <I, S>(file: string, input: I, execArgv: readonly string[] = []): Promise<RunningServer<S>> => {
  const child = spawnTs(file, execArgv);
  const exited = exitOf(child);
  const messages: Reply<unknown>[] = [];
  let wake: (() => void) | undefined;
  child.on('message', (m) => {
    messages.push(m as Reply<unknown>);
    wake?.();
  });
  const next = async <T>(): Promise<T> => {
    while (messages.length === 0) {
      const arrived = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const how = await Promise.race([arrived.then(() => undefined), exited]);
      if (how !== undefined && messages.length === 0) throw new Error(`server ${file} ${how}`);
    }
    const m = messages.shift()!;
    if (!m.ok) throw new Error(m.error);
    return m.value as T;
  };
  child.send(input as never);
  const { port } = await next<{ port: number }>();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.send('stop');
      const report = await next<S>();
      await exited;
      return report;
    },
  };
};

/** The child side of `startServer`: start, say the port, and on `stop` close and report. */
export const server = <I, S>(start: (input: I) => Promise<{ port: number; stop(): Promise<S> }>): void => {
  process.once('message', (input) => {
    start(input as I).then(
      (running) => {
        process.send?.({ ok: true, value: { port: running.port } });
        process.once('message', () => {
          running.stop().then(
            (report) => process.send?.({ ok: true, value: report } satisfies Reply<S>, () => process.exit(0)),
            (error: unknown) => process.send?.({ ok: false, error: describe(error) } satisfies Reply<S>, () => process.exit(1)),
          );
        });
      },
      (error: unknown) => process.send?.({ ok: false, error: describe(error) }, () => process.exit(1)),
    );
  });
};
