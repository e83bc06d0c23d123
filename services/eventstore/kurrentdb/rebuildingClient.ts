import { StoreUnavailableError } from '../errors.js';
import type { KurrentDBClient } from './kurrentClient.js';

export interface ClientRebuildOptions {
  /** Rebuild after this many operations in a row failed as unavailable. @defaultValue 3 */
  readonly afterFailures?: number;
  /** …but never sooner than this after the previous build, so an outage is not met with a storm of clients. @defaultValue 1000 */
  readonly minIntervalMs?: number;
  /** Told about each rebuild: for logs. */
  readonly onRebuild?: (info: { failures: number; error: unknown }) => void;
}

/**
 * The KurrentDB client, replaced by a fresh one when its operations keep failing as
 * unavailable.
 *
 * Why: client 1.3.1 sends reads through a Rust bridge that holds one connection. The bridge
 * moves to another node only on a not-leader answer, and after one failed reconnect its
 * connection task ends for good: after a node restart or a failover, every read fails until
 * the process restarts, while appends (on grpc-js, which rediscovers) go on working. A new
 * client has a new bridge, which discovers the cluster afresh.
 *
 * Failures count per operation and per client: an operation that started on a client
 * already replaced does not count against its successor; any success resets the count.
 * The replaced client is disposed (its calls cancelled); calls under way on it fail as
 * unavailable, which callers retry.
 */
export class RebuildingClient {
  #client: KurrentDBClient;
  #builtAt = Date.now();
  #failures = 0;
  #rebuilds = 0;

  constructor(
    private readonly connect: () => KurrentDBClient,
    private readonly options: ClientRebuildOptions = {},
  ) {
    this.#client = connect();
  }

  /** The client to start an operation on. */
  get current(): KurrentDBClient {
    return this.#client;
  }

  /** How many times the client was replaced (for tests and metrics). */
  get rebuilds(): number {
    return this.#rebuilds;
  }

  /** Run one port operation on the current client, counting how it ended. */
  async use<T>(operation: (client: KurrentDBClient) => Promise<T>): Promise<T> {
    const client = this.#client;
    try {
      const result = await operation(client);
      if (client === this.#client) this.#failures = 0;
      return result;
    } catch (error) {
      if (client === this.#client && error instanceof StoreUnavailableError) this.#failed(error);
      throw error;
    }
  }

  #failed(error: unknown): void {
    this.#failures += 1;
    const { afterFailures = 3, minIntervalMs = 1000, onRebuild } = this.options;
    if (this.#failures < afterFailures || Date.now() - this.#builtAt < minIntervalMs) return;
    const failures = this.#failures;
    const old = this.#client;
    try {
      this.#client = this.connect();
    } catch {
      return; // the connection string was valid at open: keep the old client and try again later
    }
    this.#builtAt = Date.now();
    this.#failures = 0;
    this.#rebuilds += 1;
    onRebuild?.({ failures, error });
    old.dispose().catch(() => {});
  }

  /** Release the current client. */
  dispose(): Promise<void> {
    return this.#client.dispose();
  }
}
