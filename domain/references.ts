import type { DecideContext } from './decider.js';
import { DomainError } from './errors.js';

/** A command field that names another aggregate's stream, which must exist. */
export interface Reference {
  /** The field path in the command, e.g. `placeId`, `actorIds/1`, `changes/placeId`. */
  readonly field: string;
  readonly streamId: string;
}

/** The distinct stream ids, for `Decider.references`. */
export const streamIdsOf = (references: readonly Reference[]): string[] => [...new Set(references.map((r) => r.streamId))];

/** Throws `unknown_reference` naming every reference the service did not find. */
export const requireReferences = (references: readonly Reference[], context: DecideContext): void => {
  const missing = references.filter((r) => !context.existing.has(r.streamId));
  if (missing.length === 0) return;
  const list = missing.map((r) => `${r.field} → ${r.streamId}`).join(', ');
  throw new DomainError(
    'unknown_reference',
    `not registered: ${list}`,
    missing.map((r) => r.field),
  );
};
