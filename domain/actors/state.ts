import type { DomainEvent, EventOf } from '../events.js';

export interface Actor {
  /** The registration as first recorded: an identical re-registration is recognised against it. */
  readonly registered: EventOf<'ActorRegistered'>['data'];
}

/** `undefined` until the actor is registered. */
export type ActorState = Actor | undefined;

export const initialActorState: ActorState = undefined;

export const evolveActor = (state: ActorState, event: DomainEvent): ActorState =>
  // A stream has one registration; a stray second one is ignored rather than rewriting history.
  event.type === 'ActorRegistered' ? (state ?? { registered: event.data }) : state;
