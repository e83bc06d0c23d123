import { createHash } from 'node:crypto';
import type { RecordClaim } from '../../domain/claims/commands.js';
import { claimOf } from '../../domain/suggestions/claimOf.js';
import { publicationDay } from '../../domain/suggestions/relativeDates.js';
import { suggestClaims } from '../../domain/suggestions/suggest.js';
import type { ClaimSuggestion, Suggestions } from '../../domain/suggestions/types.js';
import type { RegistryState } from '../../projections/registry.js';
import { ApplicationError } from '../applicationError.js';
import { readEnglishDates } from '../suggestions/englishDates.js';
import type { GazetteerCache } from '../suggestions/gazetteerCache.js';

export interface SuggestRequest {
  readonly articleId: string;
  readonly text: string;
  readonly language?: string | undefined;
  /** Overrides the article's `publishedAt` as the day relative dates count from. */
  readonly publishedAt?: string | undefined;
}

export interface SuggestionsAnswer extends Omit<Suggestions, 'claims'> {
  readonly articleId: string;
  /** SHA-256 (hex) of the UTF-8 text: the only trace of the text the ledger keeps, in an accepted claim's provenance. */
  readonly textSha256: string;
  /** The date relative dates count from: the request's, else the article's; null when neither gives one. */
  readonly publishedAt: string | null;
  /**
   * Why relative dates ("yesterday", "أمس") were not resolved, when they were not: the
   * article's date is unknown or not a day (issue 11: datasets cite articles by year or
   * month). Absent when they were.
   */
  readonly relativeDates?: string;
  readonly claims: (ClaimSuggestion & { readonly claim?: RecordClaim })[];
}

/** Why relative dates cannot be resolved from `publishedAt`, or undefined when they can (it names a day). */
const unresolvedBecause = (publishedAt: string | undefined): string | undefined =>
  publishedAt === undefined
    ? 'not resolved: the article has no publishedAt; give publishedAt (YYYY-MM-DD) in the request to resolve them'
    : publicationDay(publishedAt) === undefined
      ? `not resolved: the article's publishedAt (${publishedAt}) is not a day; give publishedAt (YYYY-MM-DD) in the request to resolve them`
      : undefined;

/**
 * Claim suggestions for an article's text (issue 15): the article must exist (`not_found`);
 * the text is hashed, never stored. Each suggestion with nothing missing carries the body
 * that accepts it through `POST /v1/claims`, provenance included.
 */
export const suggestionsFor = (registry: RegistryState, cache: GazetteerCache, request: SuggestRequest): SuggestionsAnswer => {
  const article = registry.articles.get(request.articleId);
  if (!article) throw new ApplicationError('not_found', `no article ${request.articleId}: record it first (POST /v1/articles)`);
  const textSha256 = createHash('sha256').update(request.text, 'utf8').digest('hex');
  const publishedAt = request.publishedAt ?? article.publishedAt;
  const relativeDates = unresolvedBecause(publishedAt);
  const result = suggestClaims({
    text: request.text,
    publishedAt,
    gazetteer: cache.gazetteerOf(registry),
    readDates: readEnglishDates,
    ...(request.language !== undefined ? { language: request.language } : {}),
  });
  return {
    articleId: article.id,
    textSha256,
    publishedAt: publishedAt ?? null,
    ...(relativeDates !== undefined ? { relativeDates } : {}),
    language: result.language,
    claims: result.claims.map((c) => {
      const claim = claimOf(c, article.id, textSha256);
      return claim ? { ...c, claim } : c;
    }),
    registrations: result.registrations,
    mentions: result.mentions,
  };
};
