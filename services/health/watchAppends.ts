import { StoreUnavailableError } from '../eventstore/errors.js';
import type { EventStore } from '../eventstore/port.js';
import type { WriteHealth } from './writeHealth.js';

/**
 * The same store, with every append's outcome reported to `health`: a `StoreUnavailableError`
 * marks writes failing, a success clears that. Every other member is the store's own (a
 * proxy, so adapter extras such as the SQLite store's `activity` stay reachable).
 */
export const watchAppends = <S extends EventStore>(store: S, health: WriteHealth): S => {
  const append: EventStore['append'] = async (streamId, events, options) => {
    try {
      const result = await store.append(streamId, events, options);
      health.succeeded();
      return result;
    } catch (error) {
      if (error instanceof StoreUnavailableError) health.failed(error);
      throw error;
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'append') return append;
      // The target as receiver: adapters keep their state in private fields.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};
