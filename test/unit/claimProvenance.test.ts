import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../domain/events.js';
import { EVENT_FIXTURES_DIR } from '../fixtures/eventFixtures.js';

/**
 * `provenance` joined ClaimRecorded within schemaVersion 1 as an optional field (issue 15):
 * stored claims without it decode as before, and a claim accepted from a suggestion keeps it.
 */
const golden = JSON.parse(readFileSync(join(EVENT_FIXTURES_DIR, 'ClaimRecorded.v1.json'), 'utf8'));
const provenance = {
  kind: 'suggestion',
  suggestionId: 'control-4033-0',
  textSha256: 'a'.repeat(64),
  rule: 'control:سيطر*',
};

describe('ClaimRecorded provenance', () => {
  it('a stored claim without provenance decodes to exactly its data', () => {
    expect(decodeEvent('ClaimRecorded', 1, golden.data)).toEqual({
      ok: true,
      event: { type: 'ClaimRecorded', data: golden.data },
    });
  });

  it('a claim accepted from a suggestion keeps its provenance', () => {
    const data = { ...golden.data, provenance };
    expect(decodeEvent('ClaimRecorded', 1, data)).toEqual({ ok: true, event: { type: 'ClaimRecorded', data } });
  });

  it('a provenance that names no text hash is invalid data', () => {
    const data = { ...golden.data, provenance: { ...provenance, textSha256: 'not-a-hash' } };
    expect(decodeEvent('ClaimRecorded', 1, data)).toMatchObject({ ok: false, reason: 'invalid_data' });
  });
});
