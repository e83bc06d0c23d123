import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordClaim } from '../../../domain/claims/commands.js';
import { CalendarDate, ValidTime } from '../../../domain/dates.js';
import { ClaimKind, LanguageTag } from '../../../domain/vocabulary.js';
import type { AppDeps } from '../../deps.js';
import { suggestionsFor } from '../../queries/suggestions.js';
import { gazetteerCache } from '../../suggestions/gazetteerCache.js';
import { ProblemSchema } from '../problem.js';
import { ReadQuery, readAt } from '../reads.js';
import { IdParams } from '../schemas.js';

/** The longest text taken, in characters: a long article is some 20,000. */
const MAX_TEXT = 100_000;

const Span = z
  .object({ start: z.number().int(), end: z.number().int(), text: z.string() })
  .describe('[start, end) in UTF-16 code units of the submitted text (JavaScript string indices), and the text there.')
  .meta({ id: 'TextSpan' });

const ClaimSuggestionOut = z
  .object({
    id: z.string(),
    rule: z.string().describe('The rule that fired: `{kind}:{trigger form}` (domain/suggestions/lexicon.ts).'),
    confidence: z.number().min(0).max(1),
    kind: ClaimKind,
    placeId: z.string().optional(),
    actorIds: z.array(z.string()),
    share: z.number().optional(),
    inFavourOf: z.string().optional(),
    validTime: ValidTime.optional().describe(
      'Absent when neither the text nor the article gives a date (then `missing` names validTime).',
    ),
    attributedTo: z.string().optional(),
    credibility: z.number().int(),
    quote: z.object({ text: z.string(), language: z.string() }),
    evidence: z
      .object({
        kind: z.array(Span),
        placeId: z.array(Span),
        actorIds: z.array(Span),
        share: Span.optional(),
        inFavourOf: Span.optional(),
        validTime: Span.optional(),
        attributedTo: Span.optional(),
        credibility: Span.optional(),
        quote: Span,
      })
      .describe('The spans of text that support each field.'),
    missing: z.array(z.string()).describe('Fields the text did not give, for the analyst to fill before accepting.'),
    unresolved: z.array(z.string()).describe('Ids of `registrations` that may supply what is missing.'),
    claim: RecordClaim.optional().describe(
      'POST this to /v1/claims to accept the suggestion as it stands (absent while fields are missing).',
    ),
  })
  .meta({ id: 'ClaimSuggestion' });

const SuggestionsOut = z
  .object({
    articleId: z.string(),
    textSha256: z.string().describe('SHA-256 (hex) of the UTF-8 text; the text itself is not stored.'),
    publishedAt: z
      .string()
      .nullable()
      .describe("The date relative dates count from: the request's publishedAt, else the article's; null when unknown."),
    relativeDates: z
      .string()
      .optional()
      .describe(
        'Present when relative dates ("yesterday", "أمس") were not resolved, saying why: the article has no ' +
          'publishedAt or only a partial one. Give publishedAt (YYYY-MM-DD) in the request to resolve them.',
      ),
    language: z.string(),
    claims: z.array(ClaimSuggestionOut),
    registrations: z.array(
      z.object({ id: z.string(), type: z.enum(['place', 'actor', 'name']), name: z.string(), span: Span, cue: Span.optional() }),
    ),
    mentions: z.array(z.object({ type: z.enum(['place', 'actor', 'source']), id: z.string(), span: Span })),
  })
  .meta({ id: 'Suggestions' });

export const suggestionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const cache = gazetteerCache();
  app.post(
    '/v1/articles/:id/suggestions',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['articles'],
        summary: "Suggest claims from an article's text (nothing is recorded)",
        description:
          'Matches the text against the registry (places, actors, sources and their aliases, with Arabic folding and ' +
          'clitics) and the trigger lexicon, and answers candidate claims with the spans of evidence for every field. ' +
          'Nothing is appended: accept a suggestion by POSTing its `claim` (edited or not) to /v1/claims.',
        params: IdParams,
        querystring: z.strictObject(ReadQuery),
        body: z.strictObject({
          text: z.string().min(1).max(MAX_TEXT).describe('The article text, Arabic or English.'),
          language: LanguageTag.optional().describe('The text language; by default the script most of its letters are in.'),
          publishedAt: CalendarDate.optional().describe(
            "The day relative dates count from; by default the article's publishedAt.",
          ),
        }),
        response: { 200: SuggestionsOut, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      await readAt(deps, reply, request.query.minPosition);
      return suggestionsFor(deps.follower.state.registry, cache, { articleId: request.params.id, ...request.body });
    },
  );
};
