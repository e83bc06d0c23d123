import type { RenameActor } from '../../domain/actors/commands.js';
import { deciders } from '../../domain/deciders.js';
import { streamIdOf } from '../../domain/ids.js';
import type { AddVariants } from '../../domain/names.js';
import type { RenamePlace } from '../../domain/places/commands.js';
import type { RenameSource } from '../../domain/sources/commands.js';
import type { WriteContext } from './writeContext.js';
import type { StreamWrite, WriteResult } from './writeResult.js';
import type { WriteSide } from './writeSide.js';
import { writeToStream } from './writeToStream.js';

type On<T> = T & { readonly id: string };

/** A change to the names of a place, an actor or a source: all of them replaced, or spellings and aliases added. */
export type Renaming =
  | { readonly type: 'RenamePlace'; readonly data: On<RenamePlace> }
  | { readonly type: 'AddPlaceVariants'; readonly data: On<AddVariants> }
  | { readonly type: 'RenameActor'; readonly data: On<RenameActor> }
  | { readonly type: 'AddActorVariants'; readonly data: On<AddVariants> }
  | { readonly type: 'RenameSource'; readonly data: On<RenameSource> }
  | { readonly type: 'AddSourceVariants'; readonly data: On<AddVariants> };

/**
 * Append a renaming to the entity's stream (`PlaceRenamed`, `ActorRenamed`, `SourceRenamed`,
 * each carrying the names in full as they now read; the stream keeps every earlier name).
 * An entity that does not exist is `not_found`; names it already has append nothing (so do
 * variants it already has, in any spelling search reads alike); more than 50 variants in all
 * is `invalid_command`.
 */
export const renameEntity = (side: WriteSide, write: WriteContext, command: Renaming): Promise<WriteResult<StreamWrite>> => {
  switch (command.type) {
    case 'RenamePlace':
    case 'AddPlaceVariants':
      return writeToStream(side, write, deciders.place, streamIdOf('place', command.data.id), command);
    case 'RenameActor':
    case 'AddActorVariants':
      return writeToStream(side, write, deciders.actor, streamIdOf('actor', command.data.id), command);
    case 'RenameSource':
    case 'AddSourceVariants':
      return writeToStream(side, write, deciders.source, streamIdOf('source', command.data.id), command);
  }
};
