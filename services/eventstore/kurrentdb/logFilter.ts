import type { LogFilter } from '../port.js';
import { eventTypeFilter, excludeSystemEvents, type Filter, streamNameFilter } from './kurrentClient.js';

/** What the filter looks at in an event. */
export interface Filterable {
  readonly streamId: string;
  readonly type: string;
}

/**
 * A port `LogFilter` compiled for KurrentDB. The server filters on one thing only — stream
 * names or event types, never both — so:
 * - categories alone: a stream-name regex, `^(?:claim|place)(?:-|$)`;
 * - types alone: an event-type regex, `^(?:ClaimRecorded|ClaimCorrected)$`;
 * - both: the categories go to the server (a category is the usual, narrower question) and
 *   the types are checked here;
 * - neither: the server's `excludeSystemEvents()`.
 * Every event the server sends is checked here against the whole filter as well (`matches`),
 * so the result never depends on what the server could express: system events (`$`-types
 * and `$`-streams, e.g. the links standard projections write) are dropped, and categories
 * are compared exactly (the part of the stream id before the first `-`).
 */
export interface CompiledLogFilter {
  /** True when the filter can match no event (a given but empty list, or only impossible categories). */
  readonly matchesNothing: boolean;
  readonly server: Filter;
  matches(event: Filterable): boolean;
}

/** Escape text for a .NET regular expression (the server's dialect); the JS escapes agree. */
export const escapeRegex = (text: string): string => text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);

export const categoryOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
};

export const isSystemEvent = (event: Filterable): boolean => event.type.startsWith('$') || event.streamId.startsWith('$');

const alternatives = (values: Iterable<string>): string => [...values].map(escapeRegex).join('|');

export const compileLogFilter = (filter: LogFilter | undefined): CompiledLogFilter => {
  const types = filter?.types === undefined ? undefined : new Set(filter.types);
  // A category never contains '-', since it ends at the first one: such a category matches nothing.
  const categories =
    filter?.categories === undefined ? undefined : new Set(filter.categories.filter((c) => c !== '' && !c.includes('-')));
  const matchesNothing = types?.size === 0 || categories?.size === 0;
  const server = categories?.size
    ? streamNameFilter({ regex: `^(?:${alternatives(categories)})(?:-|$)` })
    : types?.size
      ? eventTypeFilter({ regex: `^(?:${alternatives(types)})$` })
      : excludeSystemEvents();
  return {
    matchesNothing,
    server,
    matches: (event) =>
      !matchesNothing &&
      !isSystemEvent(event) &&
      (categories === undefined || categories.has(categoryOf(event.streamId))) &&
      (types === undefined || types.has(event.type)),
  };
};
