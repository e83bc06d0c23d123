import type { ClaimProvenance, DatasetProvenance } from '../domain/claims/provenance.js';
import type { ClaimBody } from '../domain/events.js';
import type { Envelope } from './envelope.js';

/**
 * One claim with its whole history, folded from its own stream: what was first recorded,
 * how it reads now, and every correction, corroboration, dispute and the retraction, each
 * with when the ledger learned it and from whom.
 */
export interface Known {
  readonly recordedAt: string;
  readonly position: bigint;
  readonly principal: string;
}

export interface ClaimHistory {
  readonly id: string;
  readonly articleId: string;
  readonly kind: string;
  /** Where the claim came from: a suggestion accepted, or a dataset row. */
  readonly provenance: ClaimProvenance | undefined;
  readonly recorded: ClaimBody & Known;
  current: ClaimBody;
  readonly corrections: ({
    reason: string;
    articleId?: string;
    corrected: ClaimBody;
    provenance?: DatasetProvenance;
  } & Known)[];
  readonly corroborations: ({ articleId: string; credibility?: number; note?: string } & Known)[];
  readonly disputes: ({ articleId?: string; reason: string } & Known)[];
  retraction: ({ reason: string; provenance?: DatasetProvenance } & Known) | undefined;
}

const bodyOf = ({
  claimId: _c,
  articleId: _a,
  kind: _k,
  provenance: _p,
  ...body
}: ClaimBody & { claimId: string; articleId: string; kind: string; provenance?: ClaimProvenance }): ClaimBody => body;

export const claimHistory = (envelopes: readonly Envelope[]): ClaimHistory | undefined => {
  let history: ClaimHistory | undefined;
  for (const { event, recordedAt, position, principal } of envelopes) {
    const known = { recordedAt, position, principal };
    if (event.type === 'ClaimRecorded') {
      if (history) continue;
      const body = bodyOf(event.data);
      history = {
        id: event.data.claimId,
        articleId: event.data.articleId,
        kind: event.data.kind,
        provenance: event.data.provenance,
        recorded: { ...body, ...known },
        current: body,
        corrections: [],
        corroborations: [],
        disputes: [],
        retraction: undefined,
      };
      continue;
    }
    if (!history) continue;
    if (event.type === 'ClaimCorrected') {
      const { claimId: _, ...rest } = event.data;
      history.corrections.push({ ...rest, ...known });
      history.current = event.data.corrected;
    } else if (event.type === 'ClaimCorroborated') {
      const { claimId: _, ...rest } = event.data;
      history.corroborations.push({ ...rest, ...known });
    } else if (event.type === 'ClaimDisputed') {
      const { claimId: _, ...rest } = event.data;
      history.disputes.push({ ...rest, ...known });
    } else if (event.type === 'ClaimRetracted') {
      const { claimId: _, ...rest } = event.data;
      history.retraction ??= { ...rest, ...known };
    }
  }
  return history;
};
