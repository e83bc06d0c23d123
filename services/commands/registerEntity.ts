import type { RegisterActor } from '../../domain/actors/commands.js';
import type { RecordArticle } from '../../domain/articles/commands.js';
import { deciders } from '../../domain/deciders.js';
import { streamIdOf } from '../../domain/ids.js';
import type { RegisterPlace } from '../../domain/places/commands.js';
import type { RegisterSource } from '../../domain/sources/commands.js';
import type { WriteContext } from './writeContext.js';
import type { StreamWrite, WriteResult } from './writeResult.js';
import type { WriteSide } from './writeSide.js';
import { writeToStream } from './writeToStream.js';

/** A registry entry: a source, a place, an actor or an article, each with the id the analyst chose. */
export type Registration =
  | { readonly type: 'RegisterSource'; readonly data: RegisterSource }
  | { readonly type: 'RegisterPlace'; readonly data: RegisterPlace }
  | { readonly type: 'RegisterActor'; readonly data: RegisterActor }
  | { readonly type: 'RecordArticle'; readonly data: RecordArticle };

/** The category of the stream each kind of registration is written to. */
const CATEGORY = {
  RegisterSource: 'source',
  RegisterPlace: 'place',
  RegisterActor: 'actor',
  RecordArticle: 'article',
} as const satisfies Record<Registration['type'], string>;

/** The stream a registration is written to: `{category}-{id}` (the write path and the importers alike). */
export const registrationStream = (registration: Registration): string =>
  streamIdOf(CATEGORY[registration.type], registration.data.id);

/**
 * Register an entity on its own stream (`{category}-{id}`). Registering the same entity again
 * appends nothing (`created: false`); the id taken by a different entity is `already_exists`;
 * a reference to nothing (a parent place, an article's source) is `unknown_reference`.
 */
export const registerEntity = (
  side: WriteSide,
  write: WriteContext,
  command: Registration,
): Promise<WriteResult<StreamWrite>> => {
  const streamId = registrationStream(command);
  switch (command.type) {
    case 'RegisterSource':
      return writeToStream(side, write, deciders.source, streamId, command);
    case 'RegisterPlace':
      return writeToStream(side, write, deciders.place, streamId, command);
    case 'RegisterActor':
      return writeToStream(side, write, deciders.actor, streamId, command);
    case 'RecordArticle':
      return writeToStream(side, write, deciders.article, streamId, command);
  }
};
