import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarDate, endOf, PartialDateText, startOf } from '../../../domain/dates.js';
import { type Grade, Grade as GradeText } from '../../../domain/grades.js';
import { EntityId } from '../../../domain/ids.js';
import { changesOf } from '../../../projections/control/changes.js';
import { historyOf } from '../../../projections/control/history.js';
import { type Cutoff, EVERYTHING } from '../../../projections/control/knowledge.js';
import { reliabilityFrom } from '../../../projections/control/reliability.js';
import type { ControlState, ControlSummary } from '../../../projections/control/state.js';
import { type ControlTimeline, controlTimeline, stateAt, stepIndexAt } from '../../../projections/control/timeline.js';
import type { LedgerState } from '../../../projections/ledger.js';
import type { PlaceView } from '../../../projections/registry.js';
import type { AppDeps } from '../../deps.js';
import { ControlCache } from '../../readmodels/controlCache.js';
import { HttpProblem, ProblemSchema } from '../problem.js';
import { cutoffOf, KnowledgeQuery } from '../queries/knowledge.js';
import { requirePlace, subtreeOf } from '../queries/places.js';
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
    claimIds: z.array(z.string()),
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

interface Scope {
  readonly state: LedgerState;
  readonly cutoff: Cutoff;
  readonly minGrade: Grade | undefined;
}

/**
 * Whether the place's answer at cutoff K is its answer under current knowledge: K is everything,
 * or a log position after which nothing that could change the place's control was recorded (no
 * claim naming it recorded, corrected or retracted, no source regraded — `placeChangedAt`). A
 * knowledge slider a few positions back from the head then recomputes only the places those
 * positions touched (issue 12's map). An instant cutoff is not compared with positions.
 */
const currentAt = (scope: Scope, placeId: string): boolean => {
  const { cutoff } = scope;
  if (cutoff === EVERYTHING) return true;
  if (cutoff.instant !== undefined || cutoff.position === undefined) return false;
  const { claims } = scope.state;
  return (claims.placeChangedAt.get(placeId) ?? 0n) <= cutoff.position && claims.reliabilityChangedAt <= cutoff.position;
};

/** The place's control timeline at K: the cache for current knowledge, else computed from its own claims. */
const timelineFor = (deps: AppDeps, scope: Scope, placeId: string): ControlTimeline => {
  const reliabilityOf = reliabilityFrom(scope.state.registry.sources);
  if (scope.minGrade === undefined && currentAt(scope, placeId)) {
    return deps.controlCache.current(scope.state.claims, placeId, deps.follower.position, reliabilityOf);
  }
  const query = { cutoff: scope.cutoff, ...(scope.minGrade ? { minGrade: scope.minGrade } : {}) };
  return controlTimeline(ControlCache.claimsOf(scope.state.claims, placeId), placeId, query, reliabilityOf);
};

const placeControl = (place: PlaceView, state: ControlState) => ({
  placeId: place.id,
  name: place.names.en,
  pcode: place.pcode ?? null,
  status: state.status,
  controller: state.controller,
  shares: state.shares.map((s) => ({ ...s })),
  unattributed: state.unattributed,
  lastClaimAt: state.lastClaimAt,
  grade: state.grade,
  claimIds: [...state.claimIds],
});

const summary = (s: ControlSummary) => ({ ...s, shares: s.shares.map((x) => ({ ...x })) });

/** An RFC 7946 FeatureCollection: [lon, lat] points, the place's control state as properties. */
const toGeoJson = (answer: z.infer<typeof ControlAnswer>, places: ReadonlyMap<string, PlaceView>) => ({
  type: 'FeatureCollection' as const,
  features: answer.places.map((p) => {
    const location = places.get(p.placeId)?.location;
    return {
      type: 'Feature' as const,
      id: p.placeId,
      geometry: location ? { type: 'Point' as const, coordinates: [location.lon, location.lat] } : null,
      properties: { ...p, at: answer.at, asOf: answer.asOf, locationApproximate: location?.approximate ?? null },
    };
  }),
});

const wantsGeoJson = (accept: string | undefined) => accept !== undefined && /application\/geo\+json/i.test(accept);

/** The scope's cutoff: the same object as EVERYTHING when nothing restricts it, so the cache applies. */
const scopeOf = async (
  deps: AppDeps,
  reply: Parameters<typeof cutoffOf>[1],
  q: Parameters<typeof cutoffOf>[2] & { minGrade?: string | undefined },
) => {
  const answer = await cutoffOf(deps, reply, q);
  const unrestricted = answer.cutoff.position === undefined && answer.cutoff.instant === undefined;
  const scope: Scope = {
    state: deps.follower.state,
    cutoff: unrestricted ? EVERYTHING : answer.cutoff,
    minGrade: q.minGrade as Grade | undefined,
  };
  return { ...answer, scope };
};

export const controlRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
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
          ...GradeQuery,
          ...KnowledgeQuery,
        }),
        response: { 200: ControlAnswer, 400: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const at = q.at ?? today();
      const { scope, asOf, knownAt } = await scopeOf(deps, reply, q);
      const { places } = scope.state.registry;
      const ids = q.within !== undefined ? subtreeOf(scope.state.registry, q.within) : places.keys();
      const geoJson = wantsGeoJson(request.headers.accept);
      if (scope.cutoff === EVERYTHING && scope.minGrade === undefined && !geoJson) {
        // Current knowledge: join each place's answer, rendered once per step of its timeline.
        const reliabilityOf = reliabilityFrom(scope.state.registry.sources);
        const parts: string[] = [];
        for (const placeId of ids) {
          const timeline = deps.controlCache.current(scope.state.claims, placeId, deps.follower.position, reliabilityOf);
          const step = stepIndexAt(timeline, at);
          const summary = timeline.steps[step]?.state;
          if (!summary && q.includeUnknown === 'false') continue;
          if (q.actor !== undefined && !summary?.shares.some((s) => s.actorId === q.actor)) continue;
          parts.push(
            deps.controlCache.rendered(placeId, timeline, step, () =>
              JSON.stringify(placeControl(places.get(placeId)!, stateAt(timeline, at))),
            ),
          );
        }
        const head = JSON.stringify({ at, asOf, knownAt, minGrade: null }).slice(0, -1);
        // The answer is already JSON text: sent as it is, not through the schema serializer.
        return reply.type('application/json; charset=utf-8').send(`${head},"places":[${parts.join(',')}]}` as never);
      }
      // Built by this handler from typed read models: plain JSON, without re-validating 2 MB answers.
      void reply.serializer(JSON.stringify);
      const out = [];
      for (const placeId of ids) {
        const state = stateAt(timelineFor(deps, scope, placeId), at);
        if (state.status === 'unknown' && q.includeUnknown === 'false') continue;
        if (q.actor !== undefined && !state.shares.some((s) => s.actorId === q.actor)) continue;
        out.push(placeControl(places.get(placeId)!, state));
      }
      const answer = { at, asOf, knownAt, minGrade: q.minGrade ?? null, places: out };
      if (geoJson) {
        // Another representation of the same answer: plain JSON serialisation, not the JSON schema's.
        void reply.type('application/geo+json').serializer(JSON.stringify);
        return toGeoJson(answer, places) as never;
      }
      return answer;
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
      const { scope, asOf, knownAt } = await scopeOf(deps, reply, request.query);
      const place = requirePlace(scope.state.registry, request.params.id);
      const at = request.query.at ?? today();
      return { at, asOf, knownAt, ...placeControl(place, stateAt(timelineFor(deps, scope, place.id), at)) };
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
      const { scope, asOf, knownAt } = await scopeOf(deps, reply, request.query);
      const place = requirePlace(scope.state.registry, request.params.id);
      const segments = historyOf(timelineFor(deps, scope, place.id)).map((s) => ({
        ...s,
        shares: s.shares.map((x) => ({ ...x })),
        claimIds: [...s.claimIds],
      }));
      return { placeId: place.id, asOf, knownAt, segments };
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
      if (from > to) {
        throw new HttpProblem(400, 'invalid_range', 'Invalid range', `from ${from} is after to ${to}`, {
          errors: [{ field: '/from', in: 'querystring', message: 'must not be after to' }],
        });
      }
      const { scope, asOf, knownAt } = await scopeOf(deps, reply, q);
      const ids = q.within !== undefined ? subtreeOf(scope.state.registry, q.within) : scope.state.registry.places.keys();
      const changes = [];
      for (const placeId of ids) {
        for (const c of changesOf(timelineFor(deps, scope, placeId), placeId, from, to)) {
          changes.push({ date: c.date, placeId, before: summary(c.before), after: summary(c.after), claimIds: [...c.claimIds] });
        }
      }
      changes.sort((a, b) =>
        a.date < b.date ? -1 : a.date > b.date ? 1 : a.placeId < b.placeId ? -1 : a.placeId > b.placeId ? 1 : 0,
      );
      return { from, to, asOf, knownAt, changes };
    },
  );
};
