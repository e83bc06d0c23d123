/**
 * The one place that imports `@kurrent/kurrentdb-client`. The package is CommonJS: from ESM
 * only its default export (Node's `module.exports`) is reliable, because named exports of a
 * CommonJS module exist only where Node's static analysis happens to find them. Everything
 * the adapter uses at run time is taken from the default export here; types come from a
 * type-only import, which is erased.
 */
import kurrentdb from '@kurrent/kurrentdb-client';

export type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendStreamState,
  CurrentStreamState,
  EventData,
  Filter,
  KurrentDBClient,
  Position,
  ReadPosition,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';

export const {
  KurrentDBClient: KurrentDbClientClass,
  jsonEvent,
  streamNameFilter,
  eventTypeFilter,
  excludeSystemEvents,
  ErrorType,
  convertToCommandError,
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  START,
  END,
  FORWARDS,
  BACKWARDS,
} = kurrentdb;
