import type { Api } from '../api.js';

/** The shapes of `POST /v1/articles/{id}/suggestions` the page reads (OpenAPI: `Suggestions`). */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}
export interface ClaimBody {
  id?: string;
  articleId: string;
  kind: string;
  placeId: string;
  actorIds: string[];
  share?: number;
  inFavourOf?: string;
  validTime: { date: string; approximate: boolean };
  credibility: number;
  quote?: { text: string; language: string };
  attributedTo?: string;
  provenance?: { kind: 'suggestion'; suggestionId: string; textSha256: string; rule?: string };
}
export interface ClaimSuggestion {
  readonly id: string;
  readonly rule: string;
  readonly confidence: number;
  readonly kind: string;
  readonly placeId?: string;
  readonly actorIds: string[];
  readonly share?: number;
  readonly inFavourOf?: string;
  /** Absent when neither the text nor the article gives a date. */
  readonly validTime?: { date: string; approximate: boolean };
  readonly attributedTo?: string;
  readonly credibility: number;
  readonly quote: { text: string; language: string };
  readonly evidence: Record<string, Span | Span[] | undefined>;
  readonly missing: string[];
  readonly unresolved: string[];
  readonly claim?: ClaimBody;
}
export interface Registration {
  readonly id: string;
  readonly type: 'place' | 'actor' | 'name';
  readonly name: string;
  readonly span: Span;
}
export interface Suggestions {
  readonly articleId: string;
  readonly textSha256: string;
  readonly publishedAt: string | null;
  readonly language: string;
  readonly claims: ClaimSuggestion[];
  readonly registrations: Registration[];
  readonly mentions: { type: string; id: string; span: Span }[];
}
export interface Named {
  readonly id: string;
  readonly names?: { en: string; ar?: string };
  readonly name?: { en: string; ar?: string };
  readonly title?: string;
  readonly kind?: string;
}
export interface WriteAnswer {
  readonly id: string;
  readonly position: string;
}

/**
 * The recording page's calls, each on a documented route (`apiPaths.ts`), made through the
 * page's `Api` (so through `Api.request`: the bearer token on every call, the sign-in dialog on
 * a 401, a non-2xx answer as an `ApiError` with the problem's `code` and `detail`).
 */
export const recordApiOf = (api: Api) => ({
  list: (path: '/v1/articles' | '/v1/places' | '/v1/actors' | '/v1/sources') => api.all<Named>(path),
  /** `minPosition`: the position of a write the suggestions must already reflect (a registration). */
  suggest: (articleId: string, text: string, minPosition?: string) =>
    api.post<Suggestions>('/v1/articles/{id}/suggestions', { text }, { id: articleId }, { minPosition }),
  recordClaim: (body: ClaimBody) => api.post<WriteAnswer>('/v1/claims', body),
  register: (path: '/v1/places' | '/v1/actors', body: unknown) => api.post<WriteAnswer>(path, body),
});
