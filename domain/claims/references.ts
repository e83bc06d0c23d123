import { streamIdOf } from '../ids.js';
import { type Reference, streamIdsOf } from '../references.js';
import type { ClaimCommand } from './commands.js';

const ref = (field: string, category: 'article' | 'place' | 'actor' | 'source', id: string | null | undefined): Reference[] =>
  typeof id === 'string' ? [{ field, streamId: streamIdOf(category, id) }] : [];

const actors = (prefix: string, ids: readonly string[] | undefined): Reference[] =>
  (ids ?? []).flatMap((id, i) => ref(`${prefix}actorIds/${i}`, 'actor', id));

const roles = (prefix: string, actorRoles: readonly { actorId: string }[] | null | undefined): Reference[] =>
  (actorRoles ?? []).flatMap((r, i) => ref(`${prefix}actorRoles/${i}/actorId`, 'actor', r.actorId));

/** Every field of a claim command that names another aggregate, with its field path. */
export const claimReferenceFields = (command: ClaimCommand): Reference[] => {
  switch (command.type) {
    case 'RecordClaim': {
      const d = command.data;
      return [
        ...ref('articleId', 'article', d.articleId),
        ...ref('placeId', 'place', d.placeId),
        ...actors('', d.actorIds),
        ...roles('', d.actorRoles),
        ...ref('inFavourOf', 'actor', d.inFavourOf),
        // The party the article attributes the claim to ("according to Al-Furat Post") is a source.
        ...ref('attributedTo', 'source', d.attributedTo),
      ];
    }
    case 'CorrectClaim': {
      const c = command.data.changes;
      return [
        ...ref('changes/placeId', 'place', c.placeId),
        ...actors('changes/', c.actorIds),
        ...roles('changes/', c.actorRoles),
        ...ref('changes/inFavourOf', 'actor', c.inFavourOf),
        ...ref('changes/attributedTo', 'source', c.attributedTo),
        ...ref('articleId', 'article', command.data.articleId),
      ];
    }
    case 'CorroborateClaim':
    case 'DisputeClaim':
      return ref('articleId', 'article', command.data.articleId);
    case 'RetractClaim':
      return [];
  }
};

export const claimReferences = (command: ClaimCommand): string[] => streamIdsOf(claimReferenceFields(command));
