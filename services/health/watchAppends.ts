import type { Histogram } from 'prom-client';
import { StoreUnavailableError } from '../eventstore/errors.js';
import type { EventStore } from '../eventstore/port.js';
import type { WriteHealth } from './writeHealth.js';

/**
 * The same store, with every append's outcome — single-stream or atomic multi-stream —
 * reported to `health` (a `StoreUnavailableError` marks writes failing, a success clears that)
 * and its duration to `duration` (by outcome: `ok`, `unavailable`, `refused` for conflicts and
 * other refusals). Every other member is the store's own (a proxy, so adapter extras such as
 * the SQLite store's `activity` stay reachable).
 */
export const watchAppends = <S extends EventStore>(store: S, health: WriteHealth, duration: Histogram<'outcome'>): S => {
  const watched =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const stop = duration.startTimer();
      try {
        const result = await write(...args);
        stop({ outcome: 'ok' });
        health.succeeded();
        return result;
      } catch (error) {
        const unavailable = error instanceof StoreUnavailableError;
        stop({ outcome: unavailable ? 'unavailable' : 'refused' });
        if (unavailable) health.failed(error);
        throw error;
      }
    };
  const append = watched(store.append.bind(store));
  const appendMulti = watched(store.appendMulti.bind(store));
  return new Proxy(store, {
    get(target, property) {
      if (property === 'append') return append;
      if (property === 'appendMulti') return appendMulti;
      // The target as receiver: adapters keep their state in private fields.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};
