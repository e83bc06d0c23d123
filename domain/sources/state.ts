import type { DomainEvent, EventOf } from '../events.js';
import type { Reliability } from '../grades.js';
import type { Names } from '../names.js';

export interface Source {
  /** The registration as first recorded: an identical re-registration is recognised against it. */
  readonly registered: EventOf<'SourceRegistered'>['data'];
  /** The reliability as last revised. */
  readonly reliability: Reliability;
  /** The names as last renamed (spellings added). */
  readonly name: Names;
}

/** `undefined` until the source is registered. */
export type SourceState = Source | undefined;

export const initialSourceState: SourceState = undefined;

export const evolveSource = (state: SourceState, event: DomainEvent): SourceState => {
  switch (event.type) {
    case 'SourceRegistered':
      // A stream has one registration; a stray second one is ignored rather than rewriting history.
      return state ?? { registered: event.data, reliability: event.data.reliability, name: event.data.name };
    case 'SourceReliabilityRevised':
      return state && { ...state, reliability: event.data.reliability };
    case 'SourceRenamed':
      return state && { ...state, name: event.data.name };
    default:
      return state;
  }
};
