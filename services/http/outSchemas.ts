import { z } from 'zod';

/** Response shapes shared by several resources. */
export const NamesOut = z
  .object({ en: z.string(), ar: z.string().optional(), variants: z.array(z.string()) })
  .meta({ id: 'Names' });

export const PointOut = z.object({ lat: z.number(), lon: z.number(), approximate: z.boolean() }).meta({ id: 'Point' });
