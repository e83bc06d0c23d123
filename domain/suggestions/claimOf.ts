import type { RecordClaim } from '../claims/commands.js';
import type { ClaimSuggestion } from './types.js';

/**
 * The `POST /v1/claims` body that accepts a suggestion as it stands, or undefined while a
 * field the claim needs is `missing` (the analyst fills it first). Its id is derived from the
 * text hash and the suggestion id, so accepting the same suggestion twice records one claim
 * (the second answers 200, nothing appended); `provenance` names the suggestion and the text.
 */
export const claimOf = (suggestion: ClaimSuggestion, articleId: string, textSha256: string): RecordClaim | undefined => {
  if (suggestion.missing.length > 0 || suggestion.placeId === undefined || suggestion.validTime === undefined) {
    return undefined;
  }
  return {
    id: `s${textSha256.slice(0, 12)}-${suggestion.id}`,
    articleId,
    kind: suggestion.kind,
    placeId: suggestion.placeId,
    actorIds: [...suggestion.actorIds],
    ...(suggestion.share !== undefined ? { share: suggestion.share } : {}),
    ...(suggestion.inFavourOf !== undefined ? { inFavourOf: suggestion.inFavourOf } : {}),
    validTime: suggestion.validTime,
    credibility: suggestion.credibility,
    quote: suggestion.quote,
    ...(suggestion.attributedTo !== undefined ? { attributedTo: suggestion.attributedTo } : {}),
    provenance: { kind: 'suggestion', suggestionId: suggestion.id, textSha256, rule: suggestion.rule },
  };
};
