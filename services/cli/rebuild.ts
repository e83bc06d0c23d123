import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ledgerProjection } from '../../projections/ledger.js';
import { ConfigError, loadConfig } from '../config.js';
import { StoreUnavailableError } from '../eventstore/errors.js';
import { serviceLogReader } from '../eventstore/http/serviceLogReader.js';
import { openLogReader, snapshotPathOf } from '../ledger.js';
import { processLogger } from '../logger.js';
import { DEFAULT_CHECKPOINT_EVERY, type RebuildProgress, rebuildPathOf, rebuildReadModels } from '../readmodels/rebuild.js';
import { eventsPerSecond, formatDuration, progressLine } from '../readmodels/rebuildProgress.js';
import { peekSnapshotHeader } from '../readmodels/snapshots.js';

const USAGE = `usage: npm run rebuild -- [--fresh] [--checkpoint-every N] [--from URL]

Rebuild the read models from the log into a file beside the live snapshot (SIJILL_SNAPSHOT
plus ".rebuild"), saved every N events (default ${DEFAULT_CHECKPOINT_EVERY}), and rename it
over the live snapshot once caught up with the head. Interrupted (Ctrl-C, a crash), the next
run resumes from its last checkpoint; --fresh starts from the beginning of the log instead.
The ETA is estimated from positions, which are not event counts on every engine.

An SQLite ledger is held exclusively by the service that serves it: either stop the service
first (the rebuild refuses, saying so, otherwise), or leave it serving and read its log through
it with --from URL (its base URL, e.g. http://127.0.0.1:3000; SIJILL_TOKEN holds a reader's
token when it has SIJILL_TOKENS). On PostgreSQL or KurrentDB it runs beside the service
directly. Either way the service keeps its snapshot until the rebuild is caught up; restart
it then to load the rebuilt one (a service never writes over a snapshot of a newer projection
version, so this is how a new version's read models are built without downtime).`;

/** Exit codes: 0 rebuilt, 1 the rebuild failed (or the configuration is invalid), 2 bad arguments, 130 interrupted. */
const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;

class UsageError extends Error {}
class Interrupted extends Error {}

const argumentsOf = (args: string[]) => {
  let values: { fresh?: boolean; 'checkpoint-every'?: string; from?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        fresh: { type: 'boolean' },
        'checkpoint-every': { type: 'string' },
        from: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const every = values['checkpoint-every'];
  if (every !== undefined && (!/^[1-9][0-9]*$/.test(every) || !Number.isSafeInteger(Number(every)))) {
    throw new UsageError(`--checkpoint-every takes a whole number of events ≥ 1, not '${every}'`);
  }
  const from = values.from;
  if (from !== undefined && !/^https?:\/\/[^\s/]+/.test(from)) {
    throw new UsageError(`--from takes the service's base URL, http://host:port, not '${from}'`);
  }
  return {
    help: values.help ?? false,
    fresh: values.fresh ?? false,
    ...(from !== undefined ? { from } : {}),
    ...(every !== undefined ? { checkpointEvery: Number(every) } : {}),
  };
};

/** Progress on stderr: a bar on a terminal, else a plain line every few seconds (CI, logs). */
const progressView = () => {
  if (!process.stderr.isTTY) {
    return { everyMs: 5_000, show: (p: RebuildProgress) => process.stderr.write(`${progressLine(p)}\n`), stop: () => {} };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '  {bar} {percent}%  {events} events  {rate} events/s  ETA {etaText}',
      barsize: 30,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    everyMs: 200,
    show: (p: RebuildProgress) => {
      const value = Math.round(p.fraction * 10_000);
      const payload = {
        percent: (p.fraction * 100).toFixed(2),
        events: p.events,
        rate: eventsPerSecond(p.events, p.elapsedMs),
        etaText: formatDuration(p.etaMs),
      };
      if (!started) bar.start(10_000, value, payload);
      else bar.update(value, payload);
      started = true;
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
};

/**
 * `npm run rebuild`: rebuild the read models from the log blue/green — into a file beside the
 * live snapshot, checkpointed, resumed after a crash, renamed over the live one once caught up
 * — with a progress bar and ETA (see {@link USAGE}). The SQLite ledger file is held
 * exclusively, so stop the service first (this refuses, saying so, otherwise) or read its log
 * through the running service (`--from`, `serviceLogReader`); on PostgreSQL or KurrentDB it runs
 * beside the service.
 */
const main = async (): Promise<number> => {
  const args = argumentsOf(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  // --from reads a service's log but cannot ask where it keeps its snapshot: without either
  // setting the rebuild would promote into ./data/, where that service never looks.
  if (args.from !== undefined && process.env.SIJILL_SNAPSHOT === undefined && process.env.SIJILL_STORE === undefined) {
    throw new UsageError(
      `--from needs SIJILL_SNAPSHOT (or SIJILL_STORE) set as the service at ${args.from} has it: the rebuilt snapshot must land where that service reads it`,
    );
  }
  const log = processLogger('sijill-rebuild', config.logLevel);
  // --from: the log as the running service serves it; the ledger file is never opened here.
  const store =
    args.from !== undefined
      ? serviceLogReader(args.from, config.clientToken)
      : await openLogReader(config, log).catch((error: unknown) => {
          // The SQLite file held by the service: say how to go on.
          if (error instanceof StoreUnavailableError && /in use by another process/.test(error.message)) {
            throw new StoreUnavailableError(
              `${error.message}\nstop the service first, or rebuild beside it through its API: npm run rebuild -- --from http://<its host>:<its port>`,
              { cause: error },
            );
          }
          throw error;
        });
  const view = progressView();
  // Ctrl-C is a crash like any other, taken between pages so no save is cut short; a second one exits at once.
  const stopping = new AbortController();
  const interrupted = () => {
    if (stopping.signal.aborted) process.exit(EXIT_INTERRUPTED);
    stopping.abort(new Interrupted());
  };
  process.on('SIGINT', interrupted);
  try {
    const snapshotPath = resolve(snapshotPathOf(config));
    process.stderr.write(
      `rebuilding read models of ${args.from ?? config.store} into ${rebuildPathOf(snapshotPath)}, then ${snapshotPath}\n`,
    );
    if (
      args.from !== undefined &&
      !(await stat(snapshotPath).then(
        () => true,
        () => false,
      ))
    ) {
      process.stderr.write(
        `warning: no snapshot at ${snapshotPath} yet: if the service at ${args.from} keeps its snapshot elsewhere, set SIJILL_SNAPSHOT (or SIJILL_STORE) as it has them, or it will not find what this builds\n`,
      );
    }
    const follower = await rebuildReadModels(store, ledgerProjection, log, {
      snapshotPath,
      fresh: args.fresh,
      ...(args.checkpointEvery !== undefined ? { checkpointEvery: args.checkpointEvery } : {}),
      progressEveryMs: view.everyMs,
      signal: stopping.signal,
      onStart: ({ resumedFrom, head, discarded }) => {
        if (discarded === 'fresh') process.stderr.write('--fresh: the previous rebuild file is discarded\n');
        if (discarded === 'unusable') {
          process.stderr.write('the previous rebuild file is of another projection version or another ledger: discarded\n');
        }
        process.stderr.write(
          resumedFrom > 0n
            ? `resumed from position ${resumedFrom} (head ${head})\n`
            : `from the start of the log (head ${head})\n`,
        );
      },
      onProgress: view.show,
    });
    view.stop();
    process.stderr.write(`done: read models at position ${follower.position}, promoted to ${snapshotPath}\n`);
    return 0;
  } catch (error) {
    view.stop();
    if (!(error instanceof Interrupted)) throw error;
    const checkpoint = await peekSnapshotHeader(rebuildPathOf(resolve(snapshotPathOf(config)))).catch(() => undefined);
    process.stderr.write(
      checkpoint
        ? `interrupted: the live snapshot is untouched; run again to resume from the last checkpoint, position ${checkpoint.position}\n`
        : `interrupted: the live snapshot is untouched; no checkpoint was saved yet (one every ${args.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY} events), so the next run starts from the beginning\n`,
    );
    return EXIT_INTERRUPTED;
  } finally {
    process.off('SIGINT', interrupted);
    await store.close();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exit(EXIT_USAGE);
    }
    process.stderr.write(
      `${error instanceof ConfigError ? '' : 'rebuild failed: '}${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
