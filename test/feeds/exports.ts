import { expect } from 'vitest';
import { loadWorkedExample } from '../../services/demo/load.js';
import { get, post } from '../support/builders.js';
import { type GivenApp, givenApp } from '../support/ledger.js';

/** One line of an export, as JSON (`services/envelope.ts`); tests edit it freely. */
export interface Envelope {
  position: string;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests reach into any event's data to break it
  data: any;
  metadata: Record<string, unknown>;
}

/**
 * Given: a ledger holding the worked example (35 events) and history beyond registrations —
 * a correction (36), a retraction (37) and a reliability revision (38).
 */
export const givenSourceWithHistory = async (): Promise<GivenApp> => {
  const source = await givenApp();
  await loadWorkedExample(source.store);
  for (const [url, body] of [
    ['/v1/claims/sdf-controls-80pct-al-susa/corrections', { changes: { share: 0.7 }, reason: 'revised' }],
    ['/v1/claims/ministers-visit-raqqa/retractions', { reason: 'no such visit' }],
    ['/v1/sources/sdf-media/reliability', { reliability: 'E', reason: 'record' }],
  ] as const) {
    expect((await post(source, url, body)).statusCode).toBe(201);
  }
  return source;
};

/** The export's lines (no trailing empty line). */
export const exportLines = async (given: GivenApp, query = ''): Promise<string[]> => {
  const response = await get(given, `/v1/export${query}`);
  expect(response.statusCode).toBe(200);
  return response.body.split('\n').filter((line) => line !== '');
};

export const importInto = (given: GivenApp, lines: readonly string[]) =>
  given.app.inject({
    method: 'POST',
    url: '/v1/admin/import',
    payload: `${lines.join('\n')}\n`,
    headers: { 'content-type': 'application/x-ndjson' },
  });

export const parse = (line: string): Envelope => JSON.parse(line);

/** The lines with line `index` (0-based) rewritten by `change`. */
export const edit = (lines: readonly string[], index: number, change: (e: Envelope) => Envelope): string[] =>
  lines.with(index, JSON.stringify(change(parse(lines[index]!))));

/** The 0-based index of the line of `streamId` at `revision`. */
export const indexOf = (lines: readonly string[], streamId: string, revision = 0): number => {
  const index = lines.findIndex((line) => {
    const e = parse(line);
    return e.streamId === streamId && e.revision === revision;
  });
  if (index < 0) throw new Error(`no line for ${streamId} revision ${revision}`);
  return index;
};

/** The lines plus one event after them, at the next position, with the last line's stamp unless given. */
export const withEvent = (
  lines: readonly string[],
  event: Pick<Envelope, 'streamId' | 'revision' | 'type' | 'data'> & Partial<Envelope>,
): string[] => {
  const last = parse(lines.at(-1)!);
  const envelope: Envelope = {
    position: String(BigInt(last.position) + 1n),
    streamId: event.streamId,
    revision: event.revision,
    eventId: crypto.randomUUID(),
    type: event.type,
    schemaVersion: 1,
    recordedAt: last.recordedAt,
    data: event.data,
    metadata: { principal: 'other-ledger', correlationId: 'c', causationId: 'c' },
  };
  // In the export's key order, so a line can be compared with what an export gives back.
  return [...lines, JSON.stringify({ ...envelope, ...event })];
};

/** The lines with positions 1, 2, 3, … in file order (so reordered lines still have increasing positions). */
export const renumbered = (lines: readonly string[]): string[] =>
  lines.map((line, i) => JSON.stringify({ ...parse(line), position: String(i + 1) }));
