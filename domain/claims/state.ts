import type { ClaimBody, DomainEvent, EventOf } from '../events.js';
import type { ClaimKind } from '../vocabulary.js';
import type { DatasetProvenance } from './provenance.js';

export interface Claim {
  /** The claim as first recorded: an identical re-recording is recognised against it. */
  readonly recorded: EventOf<'ClaimRecorded'>['data'];
  readonly articleId: string;
  /** A claim's kind never changes: a correction replaces the body only. */
  readonly kind: ClaimKind;
  /** The claim as it now reads, with the latest correction applied. */
  readonly body: ClaimBody;
  /**
   * The dataset release the claim reads from: its recording's dataset provenance, or that of
   * the last correction that carried one (a correction typed in by an analyst names no
   * release and leaves it). A row of an older release never corrects the claim (issue 11,
   * DESIGN "Datasets and their releases"; `compareReleases`). Absent for claims not from a dataset.
   */
  readonly readsFrom?: DatasetProvenance;
  readonly retracted: boolean;
  readonly corrections: number;
  readonly corroborations: readonly EventOf<'ClaimCorroborated'>['data'][];
  readonly disputes: readonly EventOf<'ClaimDisputed'>['data'][];
}

/** `undefined` until the claim is recorded. */
export type ClaimState = Claim | undefined;

export const initialClaimState: ClaimState = undefined;

/** The replaceable part of a recorded claim. */
export const bodyOf = ({
  claimId: _c,
  articleId: _a,
  kind: _k,
  provenance: _p,
  ...body
}: EventOf<'ClaimRecorded'>['data']): ClaimBody => body;

export const evolveClaim = (state: ClaimState, event: DomainEvent): ClaimState => {
  if (event.type === 'ClaimRecorded') {
    // A stream has one record; a stray second one is ignored rather than rewriting history.
    return (
      state ?? {
        recorded: event.data,
        articleId: event.data.articleId,
        kind: event.data.kind,
        body: bodyOf(event.data),
        ...(event.data.provenance?.kind === 'dataset' ? { readsFrom: event.data.provenance } : {}),
        retracted: false,
        corrections: 0,
        corroborations: [],
        disputes: [],
      }
    );
  }
  if (!state) return state;
  switch (event.type) {
    case 'ClaimCorrected':
      return {
        ...state,
        body: event.data.corrected,
        corrections: state.corrections + 1,
        ...(event.data.provenance ? { readsFrom: event.data.provenance } : {}),
      };
    case 'ClaimCorroborated':
      return { ...state, corroborations: [...state.corroborations, event.data] };
    case 'ClaimDisputed':
      return { ...state, disputes: [...state.disputes, event.data] };
    case 'ClaimRetracted':
      return { ...state, retracted: true };
    default:
      return state;
  }
};
