/**
 * Domain errors carry a stable string code and no HTTP status: `services/http/problem.ts`
 * alone maps codes to statuses. Codes are part of the public API (they appear in problem
 * responses), so they are never renamed.
 */
export type DomainErrorCode =
  | 'already_exists'
  | 'not_found'
  | 'unknown_reference'
  | 'invalid_command'
  | 'claim_retracted'
  | 'place_cycle';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The failing fields, as JSON-pointer-like paths (e.g. `placeId`, `actorIds/1`). */
    readonly fields: readonly string[] = [],
  ) {
    super(message);
  }
}
