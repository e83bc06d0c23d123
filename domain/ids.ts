import { z } from 'zod';

/** Lowercase slug (`al-bukamal`, `sdf-deir-ez-zor-military-council`) or a UUID. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The longest entity id, in characters. */
export const MAX_ID_LENGTH = 120;

export const EntityId = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .refine((s) => SLUG.test(s) || UUID.test(s), {
    message: 'must be a lowercase slug (a-z, 0-9, single hyphens) or a lowercase UUID',
  });
export type EntityId = z.infer<typeof EntityId>;

/** The aggregate categories; a stream is `{category}-{id}`. */
export const CATEGORIES = ['source', 'place', 'actor', 'article', 'claim'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The longest stream id sijill writes: the longest category, `-`, the longest id. */
export const MAX_STREAM_ID_LENGTH = Math.max(...CATEGORIES.map((category) => category.length)) + 1 + MAX_ID_LENGTH;

export const streamIdOf = (category: Category, id: string): string => `${category}-${id}`;

/** The category is the part of a stream id before the first `-`. */
export const categoryOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
};

/** The entity id is the part of a stream id after the first `-`. */
export const idOfStream = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash === -1 ? '' : streamId.slice(dash + 1);
};
