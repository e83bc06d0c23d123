import { expect } from 'vitest';
import { type Decider, fold } from '../../../domain/decider.js';
import { DomainError, type DomainErrorCode } from '../../../domain/errors.js';
import type { DomainEvent } from '../../../domain/events.js';

/**
 * One row of a decider's given / when / then table (then = `emits` or `fails`). `existing` lists the other streams the
 * service found; by default every stream the command references exists.
 */
export interface Case<Command> {
  readonly name: string;
  readonly given?: readonly DomainEvent[];
  readonly when: Command;
  readonly existing?: readonly string[];
  // "then" would make each row a thenable, which await treats as a promise.
  readonly emits?: readonly DomainEvent[];
  readonly fails?: { readonly code: DomainErrorCode; readonly fields?: readonly string[]; readonly message?: RegExp };
}

export const decideAfter = <Command, State>(
  decider: Decider<Command, State>,
  given: readonly DomainEvent[],
  when: Command,
  existing: readonly string[] = decider.references(when),
): DomainEvent[] => decider.decide(when, fold(decider, given), { existing: new Set(existing) });

const thrownBy = (run: () => unknown): unknown => {
  try {
    const events = run();
    return new Error(`expected a DomainError, but decide returned ${JSON.stringify(events)}`);
  } catch (error) {
    return error;
  }
};

/** Run one table row: decide on the folded history, then compare events or the error. */
export const check = <Command, State>(decider: Decider<Command, State>, c: Case<Command>): void => {
  const run = () => decideAfter(decider, c.given ?? [], c.when, c.existing);
  if (c.fails) {
    const error = thrownBy(run);
    expect(error).toBeInstanceOf(DomainError);
    const { code, fields, message } = c.fails;
    expect((error as DomainError).code).toBe(code);
    if (fields) expect((error as DomainError).fields).toEqual(fields);
    if (message) expect((error as DomainError).message).toMatch(message);
    return;
  }
  expect(run()).toEqual(c.emits);
};
