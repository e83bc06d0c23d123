import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActorRoles } from '../../../domain/claims/actorRoles.js';
import { Fatalities } from '../../../domain/claims/fatalities.js';
import { ClaimPrecision } from '../../../domain/claims/precision.js';
import { Typology } from '../../../domain/claims/typology.js';
import { endOf, PartialDateText, startOf } from '../../../domain/dates.js';
import { type Grade, Grade as GradeText } from '../../../domain/grades.js';
import { EntityId } from '../../../domain/ids.js';
import { ClaimKind } from '../../../domain/vocabulary.js';
import type { AppDeps } from '../../deps.js';
import { timelinePage } from '../../queries/timeline.js';
import { KnowledgeQuery, knowledgeParamsOf } from '../knowledgeParams.js';
import { PointOut } from '../outSchemas.js';
import { ProblemSchema } from '../problem.js';
import { stampPosition } from '../reads.js';
import { CommaList } from '../schemas.js';

const kinds = CommaList.pipe(z.array(ClaimKind));

const TimelineQueryParams = z.strictObject({
  place: EntityId.optional().describe('Only claims about this place…'),
  descendants: z.enum(['true', 'false']).default('true').describe('…and the places within it (default true).'),
  actor: EntityId.optional().describe('Only claims naming this actor.'),
  kind: kinds.optional().describe('Comma-separated claim kinds, e.g. control,withdrawal.'),
  from: PartialDateText.optional().describe(
    'Valid time from (inclusive): YYYY, YYYY-MM or YYYY-MM-DD. A claim of a period (validTime.end) is kept when ' +
      'the period overlaps from…to (2017-10-01…2017-10-20 is on the timeline from=2017-10-15); a claim of one date ' +
      'by its first day (a claim of 2018-10 is on it from=2018-10-01, not from=2018-10-15).',
  ),
  to: PartialDateText.optional().describe('Valid time to (inclusive; a partial date covers its whole month or year).'),
  minGrade: GradeText.optional().describe('Only claims graded at least this well as known at the cutoff, e.g. B3.'),
  cursor: z
    .string()
    .max(200)
    .optional()
    .describe(
      'The `next` of the previous page. It carries the knowledge cutoff of the first page (its `asOf`, and its ' +
        '`knownAt` if given), so every page reads the same knowledge even while corrections arrive: the pages ' +
        'together neither repeat nor skip a claim. `asOf`/`knownAt` may be repeated beside it but not changed ' +
        '(`400 invalid_cursor`).',
    ),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  ...KnowledgeQuery,
});

const Entry = z
  .object({
    claimId: z.string(),
    kind: z.string(),
    placeId: z.string(),
    placeName: z.string().nullable(),
    location: PointOut.nullable(),
    actorIds: z.array(z.string()),
    share: z.number().optional(),
    inFavourOf: z.string().optional(),
    validTime: z.object({
      date: z.string().describe('The date, or the first date of the period.'),
      end: z.string().optional().describe('The last date of the period, inclusive (a partial date), when it is one.'),
      approximate: z.boolean(),
    }),
    validStart: z.string().describe('The first day covered, YYYY-MM-DD: the timeline is ordered by it.'),
    validEnd: z.string().describe('The last day covered, YYYY-MM-DD (validStart’s date’s last day when no end).'),
    credibility: z.number(),
    grade: z.string().nullable(),
    quote: z.object({ text: z.string(), language: z.string() }).optional(),
    summary: z.string().optional(),
    attributedTo: z.string().optional(),
    fatalities: Fatalities.optional().describe('Deaths (numbers of people): best, low, high, by side.'),
    actorRoles: ActorRoles.optional().describe('Each actor’s role: side_a, side_b, associated_a, associated_b.'),
    precision: ClaimPrecision.optional().describe('Place and date precision, normalised and as the dataset coded them.'),
    typology: Typology.optional().describe('The dataset’s own type of the event, verbatim.'),
    article: z.object({
      id: z.string(),
      title: z.string().nullable(),
      publishedAt: z.string().nullable(),
      url: z.string().optional(),
      citation: z.string().optional().describe('The citation verbatim, when the article is a dataset’s.'),
    }),
    source: z
      .object({ id: z.string(), name: z.string().nullable(), reliability: z.string().nullable() })
      .describe('The primary source; `reliability` is the grade’s letter: the best among `sources` at the cutoff.'),
    sources: z
      .array(z.object({ sourceId: z.string(), name: z.string().nullable(), reliability: z.string().nullable() }))
      .describe(
        'Every source of the article, primary first, each with its reliability as known at the cutoff (null when ' +
          'not yet known). Each corroborates the claim; the grade uses the best of them.',
      ),
    recordedAt: z.string(),
    position: z.string(),
    corrected: z.boolean().describe('The claim as shown includes a correction known at the cutoff.'),
    corroborations: z.number().int(),
    disputes: z.number().int(),
  })
  .meta({ id: 'TimelineEntry' });

const TimelinePage = z
  .object({ asOf: z.string(), knownAt: z.string().nullable(), entries: z.array(Entry), next: z.string().nullable() })
  .meta({ id: 'TimelinePage' });

export const timelineRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/v1/timeline',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['history'],
        summary: 'Claims in valid-time order, each as known at the cutoff',
        querystring: TimelineQueryParams,
        response: { 200: TimelinePage, 400: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const answer = await timelinePage(deps, {
        place: q.place,
        descendants: q.descendants === 'true',
        actor: q.actor,
        kinds: q.kind,
        ...(q.from !== undefined ? { from: startOf(q.from) } : {}),
        ...(q.to !== undefined ? { to: endOf(q.to) } : {}),
        minGrade: q.minGrade as Grade | undefined,
        cursor: q.cursor,
        limit: q.limit,
        knowledge: { ...knowledgeParamsOf(q), asOfText: q.asOf },
      });
      stampPosition(reply, answer.position);
      const { position: _, ...body } = answer;
      return body;
    },
  );
};
