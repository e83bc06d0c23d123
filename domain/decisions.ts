import { DomainError } from './errors.js';
import { differingFields, sameData } from './plainData.js';

/** A command on an aggregate whose stream has no registration. */
export const notFound = (what: string, id: string): DomainError => new DomainError('not_found', `${what} ${id} does not exist`);

/**
 * A registration arriving on a stream that already has one. An identical repeat has
 * nothing to do (Equinox: no events, so retries are idempotent); different data is a
 * conflict, since a registration is never overwritten — later changes have their own events.
 */
export const repeatedRegistration = (
  what: string,
  id: string,
  registered: Record<string, unknown>,
  attempted: Record<string, unknown>,
): [] => {
  if (sameData(registered, attempted)) return [];
  const fields = differingFields(registered, attempted);
  throw new DomainError('already_exists', `${what} ${id} already exists with different ${fields.join(', ')}`, fields);
};
