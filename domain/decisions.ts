import { DomainError } from './errors.js';
import { MAX_VARIANTS, type Names, withVariants } from './names.js';
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

/**
 * The names after adding `variants` (`withVariants`), or undefined when every one is a
 * spelling the entity already has (nothing to do). More than `MAX_VARIANTS` in all is
 * `invalid_command` on `variants`: the names would no longer fit their schema.
 */
export const renamed = (what: string, id: string, names: Names, variants: readonly string[]): Names | undefined => {
  const next = withVariants(names, variants);
  if (next === names) return undefined;
  if (next.variants.length > MAX_VARIANTS) {
    throw new DomainError(
      'invalid_command',
      `${what} ${id} would have ${next.variants.length} variants; at most ${MAX_VARIANTS} are kept (rename it to drop some)`,
      ['variants'],
    );
  }
  return next;
};
