import type { CorrectClaim, RecordClaim, RetractClaim } from '../../domain/claims/commands.js';
import { ARTICLE_ID } from './workedExample.js';

/**
 * What analysts did after the first pass over the worked example's article — the history
 * that makes the demo ledger show what it knew before a correction arrived. Both are the
 * kind of slip an analyst makes with this article, fixed by appending, never by editing:
 * - a deployment first dated on the day of the meeting, then corrected to "weeks earlier"
 *   (the article says the militias left, and Russian units moved in, weeks before);
 * - Mahkan first recorded as held by Russian forces — a reading of "in favour of Russian
 *   army units deploying there" as control — then retracted: the article reports a
 *   deployment, not control. It was graded doubtful (credibility 4) from the start, so
 *   "well-graded only" (`minGrade=B3`) never showed it.
 * Facts and short quotes only; the article text is not copied.
 */
export const LATER_CLAIMS: RecordClaim[] = [
  {
    id: 'russian-units-deploy-mahkan',
    articleId: ARTICLE_ID,
    kind: 'deployment',
    placeId: 'mahkan',
    actorIds: ['russian-armed-forces'],
    validTime: { date: '2018-11-13', approximate: false },
    credibility: 3,
    attributedTo: 'al-furat-post',
    summary: 'Russian army units deploy in Mahkan after the IRGC militias leave.',
  },
  {
    id: 'russian-forces-hold-mahkan',
    articleId: ARTICLE_ID,
    kind: 'control',
    placeId: 'mahkan',
    actorIds: ['russian-armed-forces'],
    share: 1,
    validTime: { date: '2018-10', approximate: true },
    credibility: 4,
    attributedTo: 'al-furat-post',
    summary: "An analyst's reading: Russian army units took over Mahkan when the IRGC militias left.",
  },
];

/** A correction of a claim above, as an analyst sends it to `POST /v1/claims/{id}/corrections`. */
export interface LaterCorrection {
  readonly claimId: string;
  readonly correction: CorrectClaim;
}

/** A retraction of a claim above, as sent to `POST /v1/claims/{id}/retractions`. */
export interface LaterRetraction {
  readonly claimId: string;
  readonly retraction: RetractClaim;
}

export const CORRECTIONS: LaterCorrection[] = [
  {
    claimId: 'russian-units-deploy-mahkan',
    correction: {
      changes: { validTime: { date: '2018-10', approximate: true } },
      reason: 'First dated on the day of the meeting; the article places the deployment weeks earlier.',
    },
  },
];

export const RETRACTIONS: LaterRetraction[] = [
  {
    claimId: 'russian-forces-hold-mahkan',
    retraction: {
      reason: 'The article reports Russian units deploying in Mahkan, not control of it; see russian-units-deploy-mahkan.',
    },
  },
];
