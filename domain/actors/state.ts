import type { DomainEvent, EventOf } from '../events.js';
import type { Names } from '../names.js';

export interface Actor {
  /** The registration as first recorded: an identical re-registration is recognised against it. */
  readonly registered: EventOf<'ActorRegistered'>['data'];
  /** The names as last renamed (aliases added). */
  readonly names: Names;
}

/** `undefined` until the actor is registered. */
export type ActorState = Actor | undefined;

export const initialActorState: ActorState = undefined;

export const evolveActor = (state: ActorState, event: DomainEvent): ActorState => {
  switch (event.type) {
    case 'ActorRegistered':
      // A stream has one registration; a stray second one is ignored rather than rewriting history.
      return state ?? { registered: event.data, names: event.data.names };
    case 'ActorRenamed':
      return state && { ...state, names: event.data.names };
    default:
      return state;
  }
};
