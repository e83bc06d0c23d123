import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../domain/events.js';
import { openSqliteEventStore } from '../../services/eventstore/sqlite/index.js';
import { ImportError } from '../../services/feeds/importError.js';
import { importLog } from '../../services/feeds/importLog.js';
import { validateExport } from '../../services/feeds/validateExport.js';
import { toProblem } from '../../services/http/problem.js';
import { aPlace, get, post } from '../support/builders.js';
import { type GivenApp, givenApp, tempDir } from '../support/ledger.js';
import { edit, exportLines, givenSourceWithHistory, importInto, indexOf, parse, renumbered, withEvent } from './exports.js';

/**
 * An import decides like a command would, checks everything before its first append, stores
 * events as their schema reads them, and keeps knowledge time honest (issue 9, items 1–4).
 * Every refusal is checked for its status, problem code and line, and for changing nothing.
 */
let source: GivenApp;
let exported: string[];
let target: GivenApp;
beforeAll(async () => {
  source = await givenSourceWithHistory();
  exported = await exportLines(source);
  expect(exported).toHaveLength(38);
});
afterAll(async () => {
  await source.close();
});
beforeEach(async () => {
  target = await givenApp();
});
afterEach(async () => {
  await target.close();
});

/** Then: refused with this status, code and line, and the target's log did not move. */
const expectRefused = async (
  response: Awaited<ReturnType<typeof importInto>>,
  status: number,
  code: string,
  line: number,
  detail?: RegExp,
) => {
  const head = await target.head();
  expect(response.statusCode, response.body).toBe(status);
  const problem = response.json();
  expect(problem).toMatchObject({ status, code, type: `urn:sijill:problem:${code}` });
  expect(problem.errors[0].field).toBe(`/${line}`);
  expect(problem.detail).toMatch(new RegExp(`^line ${line}: `));
  if (detail) expect(problem.detail).toMatch(detail);
  expect(await target.head()).toBe(head);
  return problem as { detail: string };
};

/** Given: the target holds the worked example, imported with the source's stamps. */
const givenTargetHoldsWorkedExample = async () => {
  expect((await importInto(target, exported.slice(0, 35))).statusCode).toBe(200);
  expect(await target.head()).toBe(35n);
};

const ALL_READS = ['/v1/places', '/v1/places?q=susa', '/v1/places/al-susa', '/v1/control?at=2018-11-14', '/v1/timeline'];

describe('import stores what the schema reads (item 1)', () => {
  it('fills defaults a writer left out, and every read route answers 200 afterwards', async () => {
    const withoutVariants = (names: { variants?: string[] }) => {
      const { variants: _, ...rest } = names;
      return rest;
    };
    let lines = edit(exported, indexOf(exported, 'place-al-susa'), (e) => ({
      ...e,
      data: { ...e.data, names: withoutVariants(e.data.names) },
    }));
    lines = edit(lines, indexOf(lines, 'actor-sdf'), (e) => ({
      ...e,
      data: { ...e.data, names: withoutVariants(e.data.names) },
    }));
    lines = edit(lines, indexOf(lines, 'source-al-furat-post'), (e) => ({
      ...e,
      data: { ...e.data, name: withoutVariants(e.data.name) },
    }));

    const response = await importInto(target, lines);
    expect(response.statusCode, response.body).toBe(200);

    for (const url of ALL_READS) expect((await get(target, url)).statusCode, url).toBe(200);
    expect((await get(target, '/v1/places/al-susa')).json().names).toMatchObject({ en: 'al-Susa', variants: [] });
    expect((await get(target, '/v1/places?q=susa')).json().items.map((p: { id: string }) => p.id)).toContain('al-susa');
    const stored = (await exportLines(target)).map(parse);
    expect(stored.find((e) => e.streamId === 'place-al-susa')?.data.names.variants).toEqual([]);
    expect(stored.find((e) => e.streamId === 'actor-sdf')?.data.names.variants).toEqual([]);
    expect(stored.find((e) => e.streamId === 'source-al-furat-post')?.data.name.variants).toEqual([]);
  });

  it('stores every event type as its schema reads it: keys the schema does not know are dropped', async () => {
    const article = 'alquds-2018-11-14-deir-ez-zor-meeting';
    let every = withEvent(exported, {
      streamId: 'place-mahkan',
      revision: 1,
      type: 'PlaceRenamed',
      data: { placeId: 'mahkan', names: { en: 'Mahkan', ar: 'محكان', variants: ['Muhkan', 'Mohkan'] }, reason: 'spelling' },
    });
    every = withEvent(every, {
      streamId: 'actor-isis',
      revision: 1,
      type: 'ActorRenamed',
      data: { actorId: 'isis', names: { en: 'Islamic State', variants: ['ISIS', 'IS', 'داعش'] }, reason: 'UCDP calls it IS' },
    });
    every = withEvent(every, {
      streamId: 'source-al-quds-al-arabi',
      revision: 1,
      type: 'SourceRenamed',
      data: { sourceId: 'al-quds-al-arabi', name: { en: 'Al-Quds Al-Arabi', ar: 'القدس العربي', variants: ['Al Quds'] } },
    });
    every = withEvent(every, {
      streamId: 'claim-sdf-controls-80pct-al-susa',
      revision: 2,
      type: 'ClaimCorroborated',
      data: { claimId: 'sdf-controls-80pct-al-susa', articleId: article, credibility: 2 },
    });
    every = withEvent(every, {
      streamId: 'claim-sdf-controls-80pct-al-susa',
      revision: 3,
      type: 'ClaimDisputed',
      data: { claimId: 'sdf-controls-80pct-al-susa', articleId: article, reason: 'ISIS denies it' },
    });
    const lines = every.map((line) => JSON.stringify({ ...parse(line), data: { ...parse(line).data, legacyField: 1 } }));
    expect(new Set(lines.map((l) => parse(l).type))).toEqual(new Set(EVENT_TYPES));

    const response = await importInto(target, lines);
    expect(response.statusCode, response.body).toBe(200);
    // Stored as written without the unknown key, byte for byte (the key order is kept).
    expect(await exportLines(target)).toEqual(every);
  });

  it('refuses an event type this ledger does not know, since it can check neither its data nor its rules', async () => {
    const lines = withEvent(exported, {
      streamId: 'place-al-susa',
      revision: 1,
      type: 'PlaceReparented',
      data: { placeId: 'al-susa', parentId: 'deir-ez-zor' },
    });
    await expectRefused(await importInto(target, lines), 422, 'invalid_export', 39, /unknown event type PlaceReparented/);
  });

  it('refuses a schemaVersion this ledger does not know', async () => {
    const lines = edit(exported, 5, (e) => ({ ...e, schemaVersion: 2 }));
    await expectRefused(await importInto(target, lines), 422, 'invalid_export', 6, /PlaceRegistered v2/);
  });
});

describe('import decides like a command would (item 2)', () => {
  const ghostClaim = {
    claimId: 'ghost',
    articleId: 'no-such-article',
    kind: 'control',
    placeId: 'nowhere',
    actorIds: ['nobody'],
    share: 1,
    validTime: { date: '2018-11-13' },
    credibility: 3,
  };

  it('refuses a claim naming an article, place and actor that do not exist, naming them', async () => {
    const lines = withEvent(exported, { streamId: 'claim-ghost', revision: 0, type: 'ClaimRecorded', data: ghostClaim });
    const problem = await expectRefused(await importInto(target, lines), 422, 'import_rule_violated', 39, /unknown_reference/);
    expect(problem.detail).toContain('articleId → article-no-such-article');
    expect(problem.detail).toContain('placeId → place-nowhere');
    expect(problem.detail).toContain('actorIds/0 → actor-nobody');
    // And so /v1/control never reports a controller that does not exist.
    expect((await get(target, '/v1/control?at=2018-11-14')).json().places).toEqual([]);
  });

  it('finds references in the target as well as earlier in the file', async () => {
    await givenTargetHoldsWorkedExample();
    const named = (claim: object) =>
      withEvent(exported, { streamId: 'claim-ghost', revision: 0, type: 'ClaimRecorded', data: claim }).slice(35);
    await expectRefused(await importInto(target, named(ghostClaim)), 422, 'import_rule_violated', 4, /unknown_reference/);

    const claim = { ...ghostClaim, articleId: 'alquds-2018-11-14-deir-ez-zor-meeting', placeId: 'mahkan', actorIds: ['ndf'] };
    const response = await importInto(target, named(claim));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ events: 4, appended: 4 });
    expect((await get(target, '/v1/places/mahkan/control?at=2018-11-14')).json()).toMatchObject({ controller: 'ndf' });
  });

  it('refuses a reference to an event that comes later in the file', async () => {
    // The article (line 25) moved after the first claim that names it.
    const article = indexOf(exported, 'article-alquds-2018-11-14-deir-ez-zor-meeting');
    const lines = renumbered(exported.toSpliced(article, 1).toSpliced(article + 1, 0, exported[article]!));
    await expectRefused(await importInto(target, lines), 422, 'import_rule_violated', 25, /articleId → article-alquds/);
  });

  const placeData = (over: Record<string, unknown>) => ({ names: { en: 'Somewhere' }, kind: 'village', ...over });
  it.each([
    [
      'a place whose parent does not exist',
      { streamId: 'place-x', revision: 0, type: 'PlaceRegistered', data: placeData({ placeId: 'x', parentId: 'nowhere' }) },
      /unknown_reference.*parentId → place-nowhere/,
    ],
    [
      'a place that is its own parent (a cycle in the tree)',
      { streamId: 'place-x', revision: 0, type: 'PlaceRegistered', data: placeData({ placeId: 'x', parentId: 'x' }) },
      /place_cycle/,
    ],
    [
      'an actor aligned with itself',
      {
        streamId: 'actor-x',
        revision: 0,
        type: 'ActorRegistered',
        data: { actorId: 'x', names: { en: 'X' }, kind: 'militia', alignedWith: 'x' },
      },
      /invalid_command.*own alignedWith/,
    ],
    [
      'a rename of a place that does not exist',
      { streamId: 'place-nowhere', revision: 0, type: 'PlaceRenamed', data: { placeId: 'nowhere', names: { en: 'N' } } },
      /not_found: place nowhere does not exist/,
    ],
    [
      'a reliability revision of a source that does not exist',
      {
        streamId: 'source-nobody',
        revision: 0,
        type: 'SourceReliabilityRevised',
        data: { sourceId: 'nobody', reliability: 'A', reason: 'r' },
      },
      /not_found: source nobody does not exist/,
    ],
    [
      'an article whose source does not exist',
      {
        streamId: 'article-a',
        revision: 0,
        type: 'ArticleRecorded',
        data: { articleId: 'a', sourceId: 'nobody', title: 'T', language: 'ar', publishedAt: '2018-11-14' },
      },
      /unknown_reference.*sourceId → source-nobody/,
    ],
    [
      'a correction of a retracted claim',
      {
        streamId: 'claim-ministers-visit-raqqa',
        revision: 2,
        type: 'ClaimCorrected',
        data: {
          claimId: 'ministers-visit-raqqa',
          corrected: {
            placeId: 'raqqa-governorate',
            actorIds: ['syrian-government'],
            validTime: { date: '2018-11' },
            credibility: 2,
          },
          reason: 'r',
        },
      },
      /claim_retracted/,
    ],
    [
      'a corroboration of a retracted claim',
      {
        streamId: 'claim-ministers-visit-raqqa',
        revision: 2,
        type: 'ClaimCorroborated',
        data: { claimId: 'ministers-visit-raqqa', articleId: 'alquds-2018-11-14-deir-ez-zor-meeting' },
      },
      /claim_retracted/,
    ],
    [
      'a dispute of a retracted claim',
      {
        streamId: 'claim-ministers-visit-raqqa',
        revision: 2,
        type: 'ClaimDisputed',
        data: { claimId: 'ministers-visit-raqqa', reason: 'r' },
      },
      /claim_retracted/,
    ],
    [
      'a second retraction',
      {
        streamId: 'claim-ministers-visit-raqqa',
        revision: 2,
        type: 'ClaimRetracted',
        data: { claimId: 'ministers-visit-raqqa', reason: 'again' },
      },
      /claim_retracted/,
    ],
    [
      'a control claim naming two actors',
      {
        streamId: 'claim-ghost',
        revision: 0,
        type: 'ClaimRecorded',
        data: {
          ...ghostClaim,
          articleId: 'alquds-2018-11-14-deir-ez-zor-meeting',
          placeId: 'mahkan',
          actorIds: ['ndf', 'sdf'],
        },
      },
      /invalid_command \(data\/actorIds\)/,
    ],
    [
      'a second registration of a stream',
      {
        streamId: 'actor-sdf',
        revision: 1,
        type: 'ActorRegistered',
        data: { actorId: 'sdf', names: { en: 'SDF' }, kind: 'non_state_armed_group' },
      },
      /already_exists/,
    ],
    [
      'a reliability revision that changes nothing',
      {
        streamId: 'source-sdf-media',
        revision: 2,
        type: 'SourceReliabilityRevised',
        data: { sourceId: 'sdf-media', reliability: 'E', reason: 'again' },
      },
      /no_effect/,
    ],
    [
      'an event in another aggregate’s stream',
      { streamId: 'place-x', revision: 0, type: 'PlaceRegistered', data: placeData({ placeId: 'y' }) },
      /wrong_stream \(data\/placeId\).*belongs in stream place-y/,
    ],
  ])('refuses %s with import_rule_violated, writing nothing', async (_name, event, detail) => {
    await expectRefused(await importInto(target, withEvent(exported, event)), 422, 'import_rule_violated', 39, detail);
  });
});

describe('a refused import writes nothing (item 3)', () => {
  it('refuses an event id used twice in the file before appending line 1 (it used to write it, then answer 409)', async () => {
    const lines = edit(exported.slice(0, 3), 1, (e) => ({ ...e, eventId: parse(exported[0]!).eventId }));
    await expectRefused(await importInto(target, lines), 422, 'invalid_export', 2, /already used on line 1/);
    expect(await target.head()).toBe(0n);
  });

  it('refuses a new event whose id the target holds in another stream', async () => {
    await givenTargetHoldsWorkedExample();
    // The rest of the source's history, its last event carrying the id of the target's first.
    const lines = edit(exported.slice(35), 2, (e) => ({ ...e, eventId: parse(exported[0]!).eventId }));
    await expectRefused(
      await importInto(target, lines),
      409,
      'import_conflict',
      3,
      /already in this ledger as source-al-quds-al-arabi revision 0/,
    );
    expect(await target.head()).toBe(35n);
  });
});

describe('an import another writer gets in the way of (item 3)', () => {
  /** The lines as the import reads them from its file. */
  async function* read(lines: readonly string[], failAfter = Number.POSITIVE_INFINITY) {
    for (const [i, line] of lines.entries()) {
      if (i === failAfter) throw new Error('connection lost');
      yield line;
    }
  }
  const now = () => new Date();

  it('says how much was written when the ledger changed after the check, and a re-run names the conflict', async () => {
    await validateExport(read(exported), target.store, { now });
    // Between the check and the appends, an analyst registers al-susa (line 12 of the file) otherwise.
    expect((await post(target, '/v1/places', aPlace({ parentId: undefined }))).statusCode).toBe(201);

    const error = await importLog(target.store, read(exported)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(toProblem(error)).toMatchObject({
      status: 409,
      code: 'import_interrupted',
      errors: [{ field: '/12' }],
      detail: expect.stringMatching(
        /^line 12: this ledger changed while importing .* 11 new events were appended before it, up to line 11\. Importing the same file again completes it/,
      ),
    });
    expect(await target.head()).toBe(12n);

    const again = await importInto(target, exported);
    await expectRefused(
      again,
      409,
      'import_conflict',
      12,
      /place-al-susa revision 0 holds other data under this event id in this ledger/,
    );
  });

  it('completes an import that stopped part-way when it is run again', async () => {
    await validateExport(read(exported), target.store, { now });
    await expect(importLog(target.store, read(exported, 30))).rejects.toThrow('connection lost');
    const written = await target.head();
    expect(written).toBeGreaterThan(0n);
    expect(written).toBeLessThan(38n);

    const again = await importInto(target, exported);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ events: 38, appended: 38 - Number(written) });
    expect(await exportLines(target)).toEqual(exported);
  });
});

describe('import keeps knowledge time honest (item 4)', () => {
  it('refuses a recordedAt beyond the server clock, which would hide every later write from knownAt=<now>', async () => {
    const lines = edit(exported, 35, (e) => ({ ...e, recordedAt: '2099-01-01T00:00:00.000Z' }));
    await expectRefused(
      await importInto(target, lines.slice(0, 36)),
      422,
      'invalid_recorded_at',
      36,
      /beyond this server's clock/,
    );
    expect(await target.head()).toBe(0n);
  });

  it('refuses stamps that decrease along the file', async () => {
    const lines = edit(exported, 20, (e) => ({ ...e, recordedAt: '2018-01-01T00:00:00.000Z' }));
    await expectRefused(await importInto(target, lines), 422, 'invalid_recorded_at', 21, /earlier than .* on line 20/);
  });

  it('refuses new events stamped before the target’s last event, rather than raising their stamps', async () => {
    // The target recorded the worked example itself, after the source's later events.
    const { loadWorkedExample } = await import('../../services/demo/load.js');
    await loadWorkedExample(target.store);
    await expectRefused(
      await importInto(target, exported),
      422,
      'invalid_recorded_at',
      36,
      /earlier than this ledger's last event/,
    );
  });

  it('accepts a stamp up to 5 s ahead of the server clock, and refuses one further ahead', async () => {
    await target.close();
    const now = new Date(Date.parse(parse(exported[37]!).recordedAt) + 60_000);
    target = await givenApp({}, { now: () => now });
    const ahead = (ms: number) => (e: ReturnType<typeof parse>) => ({
      ...e,
      recordedAt: new Date(now.getTime() + ms).toISOString(),
    });
    await expectRefused(
      await importInto(target, edit(exported, 37, ahead(5_001))),
      422,
      'invalid_recorded_at',
      38,
      /tolerance 5000 ms/,
    );
    const response = await importInto(target, edit(exported, 37, ahead(5_000)));
    expect(response.statusCode, response.body).toBe(200);
  });
});

describe('npm run import', () => {
  const runImport = (file: string, ledger: string) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'services/cli/import.ts', file], {
      env: { ...process.env, SIJILL_STORE: ledger },
    }).then(
      (done) => ({ code: 0, stderr: done.stderr }),
      (failed: { code: number; stderr: string }) => ({ code: failed.code, stderr: failed.stderr }),
    );

  it('applies the same checks: exits 1 with the problem’s message and leaves the ledger as it was', async () => {
    const dir = await tempDir();
    try {
      const ledger = join(dir.dir, 'ledger.db');
      const prefix = join(dir.dir, 'prefix.ndjson');
      await writeFile(prefix, `${exported.slice(0, 35).join('\n')}\n`);
      expect((await runImport(prefix, ledger)).code).toBe(0);

      const ghost = withEvent(exported, {
        streamId: 'claim-ghost',
        revision: 0,
        type: 'ClaimRecorded',
        data: {
          claimId: 'ghost',
          articleId: 'no-such-article',
          kind: 'killing',
          placeId: 'mahkan',
          actorIds: ['sdf'],
          validTime: { date: '2018-11' },
          credibility: 3,
        },
      });
      const file = join(dir.dir, 'ghost.ndjson');
      await writeFile(file, `${ghost.join('\n')}\n`);
      const run = await runImport(file, ledger);
      expect(run.code).toBe(1);
      // The message the HTTP problem gives as its detail, for the same file and ledger state.
      await givenTargetHoldsWorkedExample();
      const { detail } = await expectRefused(await importInto(target, ghost), 422, 'import_rule_violated', 39);
      expect(run.stderr).toContain(`import failed: ${detail}\n`);

      const store = await openSqliteEventStore({ path: ledger });
      try {
        expect(await store.headPosition()).toBe(35n);
      } finally {
        await store.close();
      }
    } finally {
      await dir.cleanup();
    }
  });
});
