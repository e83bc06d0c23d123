import type { AppDeps } from '../deps.js';

/** Each part of readiness: `ok`, or what is wrong, in words an operator can act on. */
export interface ReadinessChecks {
  /** The ledger answers reads (its head) and takes writes. */
  readonly store: string;
  /** The read models follow the log. */
  readonly readModels: string;
  /** The read models' snapshot is saved (`none` without a snapshot file). Informative only. */
  readonly snapshot: string;
}

export interface Readiness {
  readonly ready: boolean;
  /** The head of the log, when it could be read. */
  readonly position?: string;
  /** The first failing check, for humans and the existing `detail` field. */
  readonly detail?: string;
  readonly checks: ReadinessChecks;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Whether this replica should get traffic. Not ready (503) when the ledger cannot be read,
 * refuses writes (disk full, I/O error: every write would fail), or the read models stopped
 * following (every read would be stale). A failing snapshot save leaves it ready: a replica
 * that follows the log but cannot persist its cache still answers correctly, and only a
 * restart would be slower — so that is reported in `checks.snapshot` (and in metrics), not
 * as a 503 that would take a correct replica out of service.
 */
export const readiness = async (deps: Pick<AppDeps, 'store' | 'follower' | 'writeHealth'>): Promise<Readiness> => {
  let position: string | undefined;
  let store = 'ok';
  try {
    position = (await deps.store.headPosition()).toString();
    const writeFailure = await deps.writeHealth.check();
    if (writeFailure) store = `failing since ${writeFailure.since.toISOString()}: writes are refused: ${writeFailure.message}`;
  } catch (error) {
    store = `failing: ${messageOf(error)}`;
  }
  const readModels = deps.follower.failed
    ? `stopped at position ${deps.follower.position}: ${messageOf(deps.follower.failure)}; see the logs`
    : 'ok';
  const status = deps.follower.snapshotStatus;
  const snapshot =
    status === undefined
      ? 'none'
      : status.state === 'ok'
        ? 'ok'
        : `failing: ${status.error} (${status.consecutiveFailures} failed ${status.consecutiveFailures === 1 ? 'save' : 'saves'} in a row; next attempt after ${status.nextAttemptAt.toISOString()})`;
  const checks = { store, readModels, snapshot };
  const detail = [store, readModels].find((check) => check !== 'ok');
  return { ready: detail === undefined, ...(position !== undefined ? { position } : {}), ...(detail ? { detail } : {}), checks };
};
