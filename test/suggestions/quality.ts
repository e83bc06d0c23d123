import { startOf } from '../../domain/dates.js';
import type { ExpectedClaim } from './seedArticle.expected.js';

/** A suggestion as `POST /v1/articles/{id}/suggestions` answers it (the fields measured). */
export interface Suggested {
  readonly id: string;
  readonly kind: string;
  readonly placeId?: string;
  readonly actorIds: string[];
  readonly share?: number;
  readonly inFavourOf?: string;
  readonly validTime: { date: string; approximate: boolean };
}

const dayNumber = (date: string) => Date.parse(`${startOf(date)}T00:00:00Z`) / 86_400_000;

/** Whether a suggestion is the expected claim: kind, an accepted place, every expected actor, share, inFavourOf and date. */
export const matches = (s: Suggested, e: ExpectedClaim): boolean =>
  s.kind === e.kind &&
  s.placeId !== undefined &&
  e.places.includes(s.placeId) &&
  e.actors.every((a) => s.actorIds.includes(a)) &&
  (e.share === undefined || (s.share !== undefined && Math.abs(s.share - e.share) < 1e-9)) &&
  (e.inFavourOf === undefined || s.inFavourOf === e.inFavourOf) &&
  Math.abs(dayNumber(s.validTime.date) - dayNumber(e.date)) <= e.dateWithinDays;

export interface Quality {
  readonly precision: number;
  readonly recall: number;
  readonly found: readonly string[];
  readonly missed: readonly string[];
  readonly extra: readonly Suggested[];
}

/** Precision and recall of suggestions against a hand-written list; each expected claim is matched at most once. */
export const measure = (suggested: readonly Suggested[], expected: readonly ExpectedClaim[]): Quality => {
  const used = new Set<string>();
  const found: string[] = [];
  const missed: string[] = [];
  for (const e of expected) {
    const hit = suggested.find((s) => !used.has(s.id) && matches(s, e));
    if (hit) {
      used.add(hit.id);
      found.push(e.label);
    } else missed.push(e.label);
  }
  return {
    precision: suggested.length === 0 ? 0 : used.size / suggested.length,
    recall: expected.length === 0 ? 1 : found.length / expected.length,
    found,
    missed,
    extra: suggested.filter((s) => !used.has(s.id)),
  };
};

export const report = (name: string, q: Quality) =>
  process.stderr.write(
    `suggestions on ${name}: precision ${q.precision.toFixed(2)}, recall ${q.recall.toFixed(2)}` +
      `${q.missed.length ? `; missed: ${q.missed.join(' / ')}` : ''}` +
      `${q.extra.length ? `; extra: ${q.extra.map((s) => `${s.kind}@${s.placeId ?? '?'}`).join(', ')}` : ''}\n`,
  );
