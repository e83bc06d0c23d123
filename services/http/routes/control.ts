import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarDate, endOf, PartialDateText, startOf } from '../../../domain/dates.js';
import { type Grade, Grade as GradeText } from '../../../domain/grades.js';
import { EntityId } from '../../../domain/ids.js';
import type { ControlSummary } from '../../../projections/control/state.js';
import type { AppDeps } from '../../deps.js';
import { controlOn, placeControlOn, placeHistory, replay } from '../../queries/control.js';
import { resolveKnowledge } from '../../queries/knowledge.js';
import { KnowledgeQuery, knowledgeParamsOf } from '../knowledgeParams.js';
import { ProblemSchema } from '../problem.js';
import { stampPosition } from '../reads.js';
import { controlGeoJson, controlJson } from '../renderControl.js';
import { RenderedAnswers } from '../renderedAnswers.js';
import { IdParams } from '../schemas.js';

const today = () => new Date().toISOString().slice(0, 10);

const GradeQuery = {
  minGrade: GradeText.optional().describe('Count only claims graded at least this well as known at the cutoff, e.g. B3.'),
};

const Share = z.object({
  actorId: z.string(),
  share: z.number(),
  since: z.string().describe('Valid date of the claim that last set this share.'),
});
const Summary = {
  status: z.enum(['unknown', 'controlled', 'contested']),
  controller: z.string().nullable().describe('The actor holding more than half, else null.'),
  shares: z.array(Share),
  unattributed: z.number(),
  lastClaimAt: z.string().nullable(),
  grade: z.string().nullable().describe("Admiralty grade of the claim that set the controller's share, as known at the cutoff."),
};
const PlaceControl = z
  .object({
    placeId: z.string(),
    name: z.string(),
    pcode: z
      .string()
      .nullable()
      .describe("The place's OCHA P-code (COD-AB), which ties it to its admin polygon; null when it has none."),
    ...Summary,
    claimIds: z
      .array(z.string())
      .optional()
      .describe('The claims that produced the state (its evidence); left out by `GET /v1/control?claimIds=false`.'),
  })
  .meta({ id: 'PlaceControl' });
const ControlAnswer = z
  .object({
    at: z.string(),
    asOf: z.string(),
    knownAt: z.string().nullable(),
    minGrade: z.string().nullable(),
    places: z.array(PlaceControl),
  })
  .meta({ id: 'ControlAnswer' });

/** `GET /v1/control` with `Accept: application/geo+json` (`renderControl.ts`): RFC 7946, one Point feature per place. */
const ControlFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string().describe('The place id.'),
        geometry: z
          .object({
            type: z.literal('Point'),
            coordinates: z.tuple([z.number(), z.number()]).describe('[longitude, latitude], WGS84 (RFC 7946 §3.1.1).'),
          })
          .nullable()
          .describe('null when the place has no location in the gazetteer.'),
        properties: PlaceControl.extend({
          at: z.string(),
          asOf: z.string(),
          locationApproximate: z.boolean().nullable().describe('The location is an estimate; null without one.'),
        }),
      }),
    ),
  })
  .meta({ id: 'ControlFeatureCollection' });

const summary = (s: ControlSummary) => ({ ...s, shares: s.shares.map((x) => ({ ...x })) });

const wantsGeoJson = (accept: string | undefined) => accept !== undefined && /application\/geo\+json/i.test(accept);

/** The knowledge an answer is given with, its position stamped on the reply (`X-Ledger-Position`). */
const knowledgeFor = async (
  deps: AppDeps,
  reply: Parameters<typeof stampPosition>[0],
  query: Parameters<typeof knowledgeParamsOf>[0],
) => {
  const knowledge = await resolveKnowledge(deps, knowledgeParamsOf(query));
  stampPosition(reply, knowledge.position);
  return knowledge;
};

export const controlRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // The bodies of `GET /v1/control` at the current read models (a map polls it).
  const answers = new RenderedAnswers();
  app.get(
    '/v1/control',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['control'],
        summary: 'Who held what on a date, as known at a moment',
        description:
          'Places with a known state (or every place in scope with includeUnknown=true). With `Accept: application/geo+json` the same answer as an RFC 7946 FeatureCollection.',
        querystring: z.strictObject({
          at: CalendarDate.optional().describe('The valid date D, YYYY-MM-DD. Default: today (UTC).'),
          within: EntityId.optional().describe('A place: answer for it and every place within it.'),
          actor: EntityId.optional().describe('Only places where this actor holds a share.'),
          includeUnknown: z.enum(['true', 'false']).default('false').describe('Also list places with no known control.'),
          claimIds: z
            .enum(['true', 'false'])
            .default('true')
            .describe(
              "List each place's evidence claim ids (the default). `false` leaves them out: an overview of many places " +
                "(a map) is then a fraction of the size, and asks `GET /v1/places/{id}/control` for one place's evidence.",
            ),
          ...GradeQuery,
          ...KnowledgeQuery,
        }),
        response: {
          200: {
            description: 'The answer, as JSON or (`Accept: application/geo+json`) as GeoJSON',
            content: {
              'application/json': { schema: ControlAnswer },
              'application/geo+json': { schema: ControlFeatureCollection },
            },
          },
          400: ProblemSchema,
          404: ProblemSchema,
          503: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const knowledge = await knowledgeFor(deps, reply, q);
      const at = q.at ?? today();
      const geoJson = wantsGeoJson(request.headers.accept);
      const rendering = { claimIds: q.claimIds === 'true' };
      const key = JSON.stringify([
        geoJson,
        at,
        q.within ?? null,
        q.actor ?? null,
        q.includeUnknown,
        q.claimIds,
        q.minGrade ?? null,
        knowledge.asOf.toString(),
        knowledge.knownAt,
      ]);
      const body = answers.body(deps.follower.position, deps.follower.state, key, () => {
        const answer = controlOn(deps, {
          at,
          within: q.within,
          actor: q.actor,
          includeUnknown: q.includeUnknown === 'true',
          minGrade: q.minGrade as Grade | undefined,
          knowledge,
        });
        // Other representations of one answer, rendered from the same plain data.
        return geoJson
          ? JSON.stringify(controlGeoJson(answer, deps.follower.state.registry.places, rendering))
          : controlJson(answer, rendering);
      });
      return reply.type(geoJson ? 'application/geo+json' : 'application/json; charset=utf-8').send(body as never);
    },
  );

  app.get(
    '/v1/places/:id/control',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['control'],
        summary: "One place's control on a date, as known at a moment",
        params: IdParams,
        querystring: z.strictObject({
          at: CalendarDate.optional().describe('YYYY-MM-DD; default today (UTC).'),
          ...GradeQuery,
          ...KnowledgeQuery,
        }),
        response: {
          200: PlaceControl.extend({ at: z.string(), asOf: z.string(), knownAt: z.string().nullable() }),
          400: ProblemSchema,
          404: ProblemSchema,
          503: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const knowledge = await knowledgeFor(deps, reply, q);
      const at = q.at ?? today();
      const control = placeControlOn(deps, request.params.id, at, { knowledge, minGrade: q.minGrade as Grade | undefined });
      return {
        at,
        asOf: knowledge.asOf.toString(),
        knownAt: knowledge.knownAt,
        ...control,
        shares: [...control.shares],
        claimIds: [...control.claimIds],
      };
    },
  );

  app.get(
    '/v1/places/:id/history',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['control'],
        summary: "A place's control over valid time, as segments",
        params: IdParams,
        querystring: z.strictObject({ ...GradeQuery, ...KnowledgeQuery }),
        response: {
          200: z.object({
            placeId: z.string(),
            asOf: z.string(),
            knownAt: z.string().nullable(),
            segments: z.array(
              z.object({
                from: z.string(),
                to: z.string().nullable().describe('Exclusive; null while still so.'),
                status: Summary.status,
                controller: Summary.controller,
                shares: z.array(z.object({ actorId: z.string(), share: z.number() })),
                claimIds: z.array(z.string()),
              }),
            ),
          }),
          404: ProblemSchema,
          503: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const knowledge = await knowledgeFor(deps, reply, q);
      const segments = placeHistory(deps, request.params.id, { knowledge, minGrade: q.minGrade as Grade | undefined }).map(
        (s) => ({ ...s, shares: s.shares.map((x) => ({ ...x })), claimIds: [...s.claimIds] }),
      );
      return { placeId: request.params.id, asOf: knowledge.asOf.toString(), knownAt: knowledge.knownAt, segments };
    },
  );

  app.get(
    '/v1/replay',
    {
      config: { role: 'reader' },
      schema: {
        tags: ['history'],
        summary: 'Every change of control between two dates, day by day',
        querystring: z.strictObject({
          from: PartialDateText.describe('First day (a partial date starts at its first day).'),
          to: PartialDateText.describe('Last day, inclusive (a partial date ends at its last day).'),
          within: EntityId.optional().describe('A place: replay it and every place within it.'),
          step: z.literal('day').default('day'),
          ...GradeQuery,
          ...KnowledgeQuery,
        }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            asOf: z.string(),
            knownAt: z.string().nullable(),
            changes: z.array(
              z.object({
                date: z.string(),
                placeId: z.string(),
                before: z.object(Summary),
                after: z.object(Summary),
                claimIds: z.array(z.string()),
              }),
            ),
          }),
          400: ProblemSchema,
          404: ProblemSchema,
          503: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const from = startOf(q.from);
      const to = endOf(q.to);
      const knowledge = await knowledgeFor(deps, reply, q);
      const changes = replay(deps, { from, to, within: q.within, knowledge, minGrade: q.minGrade as Grade | undefined }).map(
        (c) => ({
          date: c.date,
          placeId: c.placeId,
          before: summary(c.before),
          after: summary(c.after),
          claimIds: [...c.claimIds],
        }),
      );
      return { from, to, asOf: knowledge.asOf.toString(), knownAt: knowledge.knownAt, changes };
    },
  );
};
