import { z } from 'zod';
import { ImportError } from './importError.js';

/** One line of an export: the integrator envelope (`services/envelope.ts`), as JSON. */
export const ImportedEnvelope = z.strictObject({
  position: z.string().regex(/^\d{1,20}$/),
  streamId: z.string().min(1).max(200),
  revision: z.number().int().min(0),
  eventId: z.uuid(),
  type: z.string().min(1).max(200),
  schemaVersion: z.number().int().min(1),
  recordedAt: z.iso.datetime(),
  data: z.unknown(),
  metadata: z.looseObject({ principal: z.string(), correlationId: z.string(), causationId: z.string() }),
});
export type ImportedEnvelope = z.infer<typeof ImportedEnvelope>;

const parseLine = (text: string, line: number): ImportedEnvelope => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw ImportError.refused('invalid_export', line, 'not valid JSON');
  }
  const parsed = ImportedEnvelope.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw ImportError.refused('invalid_export', line, `${issue.path.join('.') || 'envelope'}: ${issue.message}`);
  }
  return parsed.data;
};

/** The envelopes of an export with their 1-based line numbers, read as the consumer pulls; blank lines are skipped. */
export async function* envelopes(
  lines: AsyncIterable<string>,
): AsyncGenerator<{ envelope: ImportedEnvelope; line: number; bytes: number }> {
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    yield { envelope: parseLine(text, line), line, bytes: text.length };
  }
}
