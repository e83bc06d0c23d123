import { DomainError } from '../errors.js';
import type { ClaimBody } from '../events.js';
import type { ClaimKind } from '../vocabulary.js';

interface Problem {
  readonly field: string;
  readonly message: string;
}

const duplicateActors = (actorIds: readonly string[]): Problem[] =>
  actorIds.flatMap((id, i) =>
    actorIds.indexOf(id) < i ? [{ field: `actorIds/${i}`, message: `actor ${id} is named more than once` }] : [],
  );

const exactlyOneActor = (kind: ClaimKind, body: ClaimBody): Problem[] =>
  body.actorIds.length === 1
    ? []
    : [{ field: 'actorIds', message: `a ${kind} claim names exactly one actor, not ${body.actorIds.length}` }];

const noShare = (kind: ClaimKind, body: ClaimBody): Problem[] =>
  body.share === undefined ? [] : [{ field: 'share', message: `a ${kind} claim has no share: only control claims do` }];

const noInFavourOf = (kind: ClaimKind, body: ClaimBody): Problem[] =>
  body.inFavourOf === undefined
    ? []
    : [{ field: 'inFavourOf', message: `a ${kind} claim has no inFavourOf: only withdrawals do` }];

const validShare = (body: ClaimBody): Problem[] =>
  body.share !== undefined && body.share > 0 && body.share <= 1
    ? []
    : [{ field: 'share', message: 'a control claim needs a share with 0 < share ≤ 1' }];

const notInFavourOfItself = (body: ClaimBody): Problem[] =>
  body.inFavourOf !== undefined && body.inFavourOf === body.actorIds[0]
    ? [{ field: 'inFavourOf', message: `actor ${body.inFavourOf} cannot withdraw in favour of itself` }]
    : [];

/** The kind-specific rules a claim body must meet (DESIGN "Claim"): the fold of control relies on them. */
export const claimShapeProblems = (kind: ClaimKind, body: ClaimBody): Problem[] => {
  const kindRules =
    kind === 'control'
      ? [...exactlyOneActor(kind, body), ...validShare(body), ...noInFavourOf(kind, body)]
      : kind === 'withdrawal'
        ? [...exactlyOneActor(kind, body), ...noShare(kind, body), ...notInFavourOfItself(body)]
        : [...noShare(kind, body), ...noInFavourOf(kind, body)];
  return [...kindRules, ...duplicateActors(body.actorIds)];
};

/**
 * Throws `invalid_command` unless the body meets its kind's rules. `prefix` places the
 * failing fields where the command has them (`changes/` for a correction).
 */
export const assertClaimShape = (kind: ClaimKind, body: ClaimBody, prefix = ''): void => {
  const problems = claimShapeProblems(kind, body);
  if (problems.length === 0) return;
  throw new DomainError(
    'invalid_command',
    problems.map((p) => p.message).join('; '),
    problems.map((p) => `${prefix}${p.field}`),
  );
};
