import { z } from 'zod';

/** Shared HTTP schemas: positions travel as decimal strings (64-bit values do not fit a JSON number). */
export const PositionText = z.string().regex(/^\d{1,20}$/, 'must be a decimal log position');

export const WriteResponse = z
  .object({
    id: z.string(),
    streamId: z.string(),
    revision: z.number().int().describe('The stream revision after the write (use it in If-Match).'),
    position: PositionText.describe('The log position of the write.'),
  })
  .meta({ id: 'WriteResponse' });
export type WriteResponse = z.infer<typeof WriteResponse>;

export const IdParams = z.strictObject({ id: z.string().min(1).max(120) });

export const Envelope = z
  .object({
    position: PositionText,
    streamId: z.string(),
    revision: z.number().int(),
    eventId: z.string(),
    type: z.string(),
    schemaVersion: z.number().int(),
    recordedAt: z.string(),
    data: z.unknown(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'EventEnvelope' });
