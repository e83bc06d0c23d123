import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalystHistory } from '../../services/demo/loadAnalystHistory.js';
import { openPostgresEventStore } from '../../services/eventstore/postgres/index.js';
import { expectStrictlyIncreasing } from '../contract/fixture.js';
import { exportLines, givenSourceWithHistory, importInto, parse } from '../feeds/exports.js';
import { get } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';
import { type PostgresServer, postgresForSuite } from '../support/postgresServer.js';

/**
 * Issue 13 §6: a ledger moves between stores by export and import. The worked example and
 * the analyst history (corrections, retractions, a regrade) go SQLite → PostgreSQL → SQLite
 * through the HTTP API; every ledger must keep the same events and give the same answers.
 * Positions are the one thing that differs (PostgreSQL encodes transaction ids in them), so
 * answers are compared with each position replaced by the id of the event at it.
 */
const target = postgresForSuite('SQLite → PostgreSQL → SQLite');

/** Fields of answers that carry a log position (envelopes, `asOf`, `head`, a claim's history). */
const POSITION_FIELDS = new Set(['position', 'asOf', 'head']);

/** One ledger of the trip, with its export and the event id at each of its positions. */
interface Leg {
  readonly name: string;
  readonly given: GivenApp;
  readonly lines: string[];
  readonly eventAt: Map<string, string>;
  readonly positionOf: (eventId: string) => string;
}

const legOf = async (name: string, given: GivenApp): Promise<Leg> => {
  const lines = await exportLines(given);
  const eventAt = new Map(lines.map((line) => [parse(line).position, parse(line).eventId]));
  const positions = new Map([...eventAt].map(([position, eventId]) => [eventId, position]));
  return {
    name,
    given,
    lines,
    eventAt,
    positionOf: (eventId) => {
      const position = positions.get(eventId);
      if (position === undefined) throw new Error(`${name}: no event ${eventId}`);
      return position;
    },
  };
};

/** The answer with every position replaced by `@<event id>`; a position of no event fails the test. */
const byEventId = (leg: Leg, value: unknown, key?: string): unknown => {
  if (Array.isArray(value)) return value.map((item) => byEventId(leg, item));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, byEventId(leg, v, k)]));
  if (key !== undefined && POSITION_FIELDS.has(key) && typeof value === 'string') {
    const eventId = leg.eventAt.get(value);
    if (eventId === undefined) throw new Error(`${leg.name}: ${key} ${value} is the position of no event`);
    return `@${eventId}`;
  }
  // The timeline's cursor encodes positions: compared by following it (see `pagesOf`), not by its text.
  if (key === 'next' && typeof value === 'string') return 'a cursor';
  return value;
};

/** Every page of the timeline at `query`, following its cursor: the pages, positions by event id. */
const pagesOf = async (leg: Leg, query: string): Promise<unknown[]> => {
  const pages: unknown[] = [];
  let url = `/v1/timeline?${query}`;
  for (;;) {
    const response = await get(leg.given, url);
    expect(response.statusCode, `${leg.name} ${url}: ${response.body}`).toBe(200);
    const page = response.json() as { next: string | null };
    pages.push(byEventId(leg, page));
    if (page.next === null) return pages;
    url = `/v1/timeline?${query}&cursor=${encodeURIComponent(page.next)}`;
  }
};

const withoutPosition = (line: string) => {
  const { position: _, ...rest } = parse(line);
  return rest;
};

describe.skipIf(!target.available)('a ledger moved SQLite → PostgreSQL → SQLite by export and import', () => {
  let server: PostgresServer | undefined;
  const legs: Leg[] = [];
  beforeAll(async () => {
    if (!target.available) return;
    server = await target.start();
    // Given the worked example and the analyst history in an SQLite ledger, written through the app,
    const first = await givenSourceWithHistory();
    await loadAnalystHistory(first.store);
    legs.push(await legOf('SQLite', first));
    // when its export is imported into a ledger on PostgreSQL, and that one's export into a fresh SQLite ledger,
    const postgres = await givenApp(
      {},
      { store: await openPostgresEventStore({ connectionString: await server.createDatabase() }) },
    );
    const last = await givenApp();
    for (const [name, given] of [
      ['PostgreSQL', postgres],
      ['SQLite again', last],
    ] as const) {
      const from = legs.at(-1)!;
      const imported = await importInto(given, from.lines);
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json()).toMatchObject({ events: from.lines.length, appended: from.lines.length });
      legs.push(await legOf(name, given));
    }
  }, 60_000);
  afterAll(async () => {
    for (const { given } of legs) await given.close();
    await server?.stop();
  });

  it('keeps every event: ids, streams, revisions, order, recordedAt, data and metadata — only positions differ', () => {
    const [first, postgres, last] = legs as [Leg, Leg, Leg];
    expect(first.lines.length).toBeGreaterThan(40);
    expect(postgres.lines.map(withoutPosition)).toEqual(first.lines.map(withoutPosition));
    // PostgreSQL's positions are its own (transaction id, sequence), in the same order,
    expect(postgres.lines.map((line) => parse(line).position)).not.toEqual(first.lines.map((line) => parse(line).position));
    expectStrictlyIncreasing(postgres.lines.map((line) => BigInt(parse(line).position)));
    // and back on SQLite the log is the original, byte for byte, positions included.
    expect(last.lines).toEqual(first.lines);
  });

  it('answers every read the same on the three ledgers (positions compared by the event they name)', async () => {
    const [first] = legs as [Leg, Leg, Leg];
    const envelopes = first.lines.map(parse);
    const idsOf = (category: string) =>
      envelopes
        .filter((e) => e.revision === 0 && e.streamId.startsWith(`${category}-`))
        .map((e) => e.streamId.slice(category.length + 1));
    const claimIds = idsOf('claim');
    // Knowledge cutoffs between the analyst history's fixes (each a later knowledge time), as
    // instants (the same on every ledger: recordedAt travels) and as positions (mapped per ledger).
    const retraction = envelopes.findLast(
      (e) => e.type === 'ClaimRetracted' && e.streamId === 'claim-russian-forces-hold-mahkan',
    )!;
    const correction = envelopes.findLast(
      (e) => e.type === 'ClaimCorrected' && e.streamId === 'claim-russian-units-deploy-mahkan',
    )!;
    const justBefore = (recordedAt: string) => new Date(Date.parse(recordedAt) - 1).toISOString();
    const beforeRetraction = envelopes[envelopes.indexOf(retraction) - 1]!.eventId;
    const beforeCorrection = envelopes[envelopes.indexOf(correction) - 1]!.eventId;
    expect(claimIds).toContain('russian-forces-hold-mahkan');

    const urls = (leg: Leg): string[] => [
      '/v1/control?at=2018-11-14',
      `/v1/control?at=2018-11-14&knownAt=${justBefore(retraction.recordedAt)}`,
      `/v1/control?at=2018-11-14&asOf=${leg.positionOf(beforeRetraction)}`,
      '/v1/control?at=2018-11-14&minGrade=B3',
      '/v1/control?at=2018-10-15&within=deir-ez-zor-governorate',
      '/v1/places/mahkan/control?at=2018-11-14',
      `/v1/places/mahkan/control?at=2018-11-14&knownAt=${justBefore(retraction.recordedAt)}`,
      `/v1/places/mahkan/control?at=2018-11-14&asOf=${leg.positionOf(beforeRetraction)}`,
      `/v1/places/mahkan/control?at=2018-11-14&asOf=${leg.positionOf(beforeRetraction)}&minGrade=B3`,
      '/v1/places/al-susa/control?at=2018-11-14',
      '/v1/places/al-susa/history',
      '/v1/places/mahkan/history',
      '/v1/replay?from=2018-01-01&to=2018-12-31',
      '/v1/timeline?limit=1000',
      `/v1/timeline?place=mahkan&kind=deployment&knownAt=${justBefore(correction.recordedAt)}`,
      `/v1/timeline?place=mahkan&kind=deployment&asOf=${leg.positionOf(beforeCorrection)}`,
      '/v1/sources',
      '/v1/places',
      '/v1/actors',
      '/v1/articles',
      '/v1/places?q=Abu%20Kamal',
      '/v1/actors?q=داعش',
      ...idsOf('source').map((id) => `/v1/sources/${id}`),
      ...idsOf('place').map((id) => `/v1/places/${id}`),
      ...idsOf('actor').map((id) => `/v1/actors/${id}`),
      ...idsOf('article').map((id) => `/v1/articles/${id}`),
      ...claimIds.map((id) => `/v1/claims/${id}`),
      '/v1/streams/claim-russian-forces-hold-mahkan',
      '/v1/events?limit=1000',
    ];
    const answersOf = async (leg: Leg) => {
      const answers: Record<string, unknown> = {};
      for (const [i, url] of urls(leg).entries()) {
        const response = await get(leg.given, url);
        expect(response.statusCode, `${leg.name} ${url}: ${response.body}`).toBe(200);
        answers[`${i}: ${urls(first)[i]}`] = byEventId(leg, response.json());
      }
      const geojson = await get(leg.given, '/v1/control?at=2018-11-14', { accept: 'application/geo+json' });
      answers.geojson = byEventId(leg, geojson.json());
      answers.timelinePages = await pagesOf(leg, 'limit=3');
      return answers;
    };

    const expected = await answersOf(first);
    // The cutoffs bite (before the retraction Mahkan was held, now it is not), and the cursor is followed.
    const mahkan = (i: number) => expected[`${i}: ${urls(first)[i]}`];
    expect(mahkan(5)).toMatchObject({ status: 'unknown' });
    for (const i of [6, 7]) expect(mahkan(i)).toMatchObject({ status: 'controlled', controller: 'russian-armed-forces' });
    expect((expected.timelinePages as unknown[]).length).toBeGreaterThan(2);
    for (const leg of legs.slice(1)) expect(await answersOf(leg), leg.name).toEqual(expected);
  }, 60_000);
});
