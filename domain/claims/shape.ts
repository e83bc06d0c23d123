import { endOf, startOf } from '../dates.js';
import { DomainError } from '../errors.js';
import type { ClaimBody } from '../events.js';
import { EntityId } from '../ids.js';
import type { ClaimKind } from '../vocabulary.js';
import { datasetClaimId } from './datasetClaimId.js';
import type { ClaimProvenance } from './provenance.js';

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

/** A period ends on or after the day it starts (issue 11): `endOf(end) ≥ startOf(date)`. */
const periodInOrder = (body: ClaimBody): Problem[] => {
  const { date, end } = body.validTime;
  return end === undefined || endOf(end) >= startOf(date)
    ? []
    : [{ field: 'validTime/end', message: `the period cannot end (${end}) before it starts (${date})` }];
};

/** `low ≤ best ≤ high`, each when given: an estimate lies within its own range. */
const fatalitiesInOrder = (body: ClaimBody): Problem[] => {
  const f = body.fatalities;
  if (!f) return [];
  return [
    ...(f.low !== undefined && f.low > f.best
      ? [{ field: 'fatalities/low', message: `fatalities low (${f.low}) is more than best (${f.best})` }]
      : []),
    ...(f.high !== undefined && f.high < f.best
      ? [{ field: 'fatalities/high', message: `fatalities high (${f.high}) is less than best (${f.best})` }]
      : []),
  ];
};

/** Each role names one of the claim's actors, and an actor has one role. */
const rolesOfNamedActors = (body: ClaimBody): Problem[] =>
  (body.actorRoles ?? []).flatMap(({ actorId }, i, roles) => [
    ...(body.actorIds.includes(actorId)
      ? []
      : [{ field: `actorRoles/${i}/actorId`, message: `actor ${actorId} has a role but is not one of actorIds` }]),
    ...(roles.findIndex((r) => r.actorId === actorId) < i
      ? [{ field: `actorRoles/${i}/actorId`, message: `actor ${actorId} is given more than one role` }]
      : []),
  ]);

/**
 * The rules a claim body must meet (DESIGN "Claim"; issue 11 for periods, fatalities and
 * roles): those of its kind — the fold of control relies on them — and those of every body.
 */
export const claimShapeProblems = (kind: ClaimKind, body: ClaimBody): Problem[] => {
  const kindRules =
    kind === 'control'
      ? [...exactlyOneActor(kind, body), ...validShare(body), ...noInFavourOf(kind, body)]
      : kind === 'withdrawal'
        ? [...exactlyOneActor(kind, body), ...noShare(kind, body), ...notInFavourOfItself(body)]
        : [...noShare(kind, body), ...noInFavourOf(kind, body)];
  return [
    ...kindRules,
    ...duplicateActors(body.actorIds),
    ...periodInOrder(body),
    ...fatalitiesInOrder(body),
    ...rolesOfNamedActors(body),
  ];
};

/**
 * A dataset row's claim has the id its external id fixes (`datasetClaimId`), so one external
 * id is one claim, ever (issue 11). Throws `invalid_command` naming `field` (where the
 * command carries the id) when `id` is another, or `provenance/externalId` when the
 * external id makes no valid id (it holds no letter or digit). Other provenance fixes nothing.
 */
export const assertDatasetClaimId = (id: string, provenance: ClaimProvenance | undefined, field: string): void => {
  if (provenance?.kind !== 'dataset') return;
  const fixed = datasetClaimId(provenance.dataset, provenance.externalId);
  if (!EntityId.safeParse(fixed).success) {
    throw new DomainError(
      'invalid_command',
      `external id ${JSON.stringify(provenance.externalId)} holds no letter or digit to make a claim id of`,
      ['provenance/externalId'],
    );
  }
  if (id !== fixed) {
    throw new DomainError(
      'invalid_command',
      `the claim of ${provenance.dataset} event ${provenance.externalId} has the id ${fixed}, not ${id}`,
      [field],
    );
  }
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
