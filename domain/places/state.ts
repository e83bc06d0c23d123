import type { DomainEvent, EventOf } from '../events.js';
import type { Names } from '../names.js';

export interface Place {
  /** The registration as first recorded: an identical re-registration is recognised against it. */
  readonly registered: EventOf<'PlaceRegistered'>['data'];
  /** The names as last renamed. */
  readonly names: Names;
}

/** `undefined` until the place is registered. */
export type PlaceState = Place | undefined;

export const initialPlaceState: PlaceState = undefined;

export const evolvePlace = (state: PlaceState, event: DomainEvent): PlaceState => {
  switch (event.type) {
    case 'PlaceRegistered':
      // A stream has one registration; a stray second one is ignored rather than rewriting history.
      return state ?? { registered: event.data, names: event.data.names };
    case 'PlaceRenamed':
      return state && { ...state, names: event.data.names };
    default:
      return state;
  }
};
