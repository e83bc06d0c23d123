import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMAS, type EventType } from '../../domain/events.js';
import type { NewEvent } from '../../services/eventstore/port.js';

/** Deterministic pseudo-random numbers (mulberry32), so every run generates the same ledger. */
export const random = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
};
export type Random = ReturnType<typeof random>;

export const benchMetadata = { principal: 'bench', correlationId: 'bench', causationId: 'bench' } as const;

/** An event as the service writes it today: the latest `schemaVersion` of its type. */
export const newEvent = (type: EventType, data: object): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: EVENT_SCHEMAS[type].schemaVersion,
  data,
  metadata: benchMetadata,
});

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A day between 2012 and 2023 (sometimes only its month, as reporting often gives it). */
export const validTimeOf = (rng: Random) => {
  const year = 2012 + rng.int(12);
  const month = 1 + rng.int(12);
  const date = rng.chance(0.1) ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(1 + rng.int(28))}`;
  return { date, approximate: rng.chance(0.1) };
};

/**
 * The data of a ClaimRecorded event, as the domain writes it: control and withdrawal claims
 * name one actor; a control claim has a share; a withdrawal may be in favour of another actor.
 */
export const claimData = (
  rng: Random,
  claimId: string,
  { articleId, placeId, actors, kind }: { articleId: string; placeId: string; actors: readonly string[]; kind: string },
) => {
  const actor = rng.pick(actors);
  const other = actors[(actors.indexOf(actor) + 1 + rng.int(actors.length - 1)) % actors.length]!;
  const body =
    kind === 'control'
      ? { actorIds: [actor], share: (1 + rng.int(100)) / 100 }
      : kind === 'withdrawal'
        ? { actorIds: [actor], ...(rng.chance(0.5) ? { inFavourOf: other } : {}) }
        : { actorIds: rng.chance(0.5) ? [actor, other] : [actor] };
  return {
    claimId,
    articleId,
    kind,
    placeId,
    ...body,
    validTime: validTimeOf(rng),
    credibility: 1 + rng.int(6),
    summary: `benchmark claim ${claimId}: ${kind} of ${placeId}`,
  };
};
