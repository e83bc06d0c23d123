import type { Logger } from 'pino';

/** While writes fail, whether the store is writable again is probed at most this often. */
export const WRITABILITY_PROBE_INTERVAL_MS = 2_000;

export interface WriteHealthOptions {
  /**
   * Resolves when the store could take a write now, rejects with why not. It must be light:
   * it runs every `probeIntervalMs` at most, and only while writes are failing.
   */
  readonly probe: () => Promise<void>;
  readonly log: Logger;
  /** Counts the failed writes. */
  readonly failures?: { inc(): void };
  /** @defaultValue {@link WRITABILITY_PROBE_INTERVAL_MS} */
  readonly probeIntervalMs?: number;
}

/**
 * Whether the event store takes writes. An append that fails because the store cannot be
 * written (`StoreUnavailableError`: disk full, I/O error, read-only file, server unreachable)
 * marks it failing, and `/health/ready` answers 503 naming the failure, so a load balancer
 * sends writers elsewhere. The next successful append clears it — but a service that is not
 * ready gets no traffic, so while failing, `check()` also probes the store (a small write
 * beside the ledger, say) at most every few seconds and clears the failure when it passes.
 * A probe can pass where the store's next write still fails (a nearly full disk): that write
 * marks it failing again — readiness may flap, but it never stays wrong.
 */
export class WriteHealth {
  #failure: { message: string; since: Date } | undefined;
  #lastProbeAt = 0;
  #probing: Promise<void> | undefined;

  constructor(private readonly options: WriteHealthOptions) {}

  /** An append failed because the store cannot be written. */
  failed(error: Error): void {
    this.options.failures?.inc();
    if (!this.#failure) {
      this.options.log.error(
        { err: error },
        'the event store refuses writes; /health/ready answers 503 until it takes them again',
      );
      this.#failure = { message: error.message, since: new Date() };
      // A failure just seen needs no probe at once.
      this.#lastProbeAt = Date.now();
    } else {
      this.#failure = { message: error.message, since: this.#failure.since };
    }
  }

  /** An append succeeded: the store takes writes. */
  succeeded(): void {
    if (this.#failure) this.#recovered('a write succeeded');
  }

  /** The current failure (probing first when one is due), or undefined when writes work. */
  async check(): Promise<{ message: string; since: Date } | undefined> {
    if (this.#failure && Date.now() - this.#lastProbeAt >= (this.options.probeIntervalMs ?? WRITABILITY_PROBE_INTERVAL_MS)) {
      this.#probing ??= this.#probe().finally(() => {
        this.#probing = undefined;
      });
      await this.#probing;
    }
    return this.#failure;
  }

  async #probe(): Promise<void> {
    this.#lastProbeAt = Date.now();
    try {
      await this.options.probe();
    } catch (error) {
      this.options.log.debug({ err: error }, 'the event store still refuses writes');
      return;
    }
    this.#recovered('the writability probe passed');
  }

  #recovered(how: string): void {
    const since = this.#failure?.since;
    this.#failure = undefined;
    this.options.log.info({ failingSince: since?.toISOString(), how }, 'the event store takes writes again');
  }
}
