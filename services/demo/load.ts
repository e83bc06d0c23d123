import { deciders } from '../../domain/deciders.js';
import { streamIdOf } from '../../domain/ids.js';
import { eventIdsOf } from '../commands/eventIds.js';
import { executeMany, onStream, type StreamCommand } from '../commands/executeMany.js';
import { metadataOf, type WriteContext } from '../commands/writeContext.js';
import type { EventStore } from '../eventstore/port.js';
import { ACTORS, ARTICLES, CLAIMS, PLACES, SOURCES } from './workedExample.js';

/** Who loads the demo, as the events record it. */
const DEMO_WRITE: WriteContext = {
  principal: 'demo-loader',
  correlationId: 'demo:worked-example',
  causationId: 'demo:worked-example',
};

/**
 * Load the worked example through the same commands an analyst would send, as one atomic
 * batch (`executeMany`): the ledger gets all of it or, if the process dies half-way, none of
 * it. Idempotent: every entity has a fixed id and registrations are natural-keyed, so a
 * second load decides there is nothing to do and appends nothing.
 */
export const loadWorkedExample = async (store: EventStore): Promise<{ appended: number; unchanged: number }> => {
  const commands: StreamCommand[] = [
    ...SOURCES.map((data) => onStream(streamIdOf('source', data.id), deciders.source, { type: 'RegisterSource', data })),
    // Parents come before children in PLACES, as the place tree requires; a place registered
    // earlier in the batch counts as existing for the ones after it.
    ...PLACES.map((data) => onStream(streamIdOf('place', data.id), deciders.place, { type: 'RegisterPlace', data })),
    ...[...ACTORS.filter((a) => !a.parentId && !a.alignedWith), ...ACTORS.filter((a) => a.parentId || a.alignedWith)].map(
      (data) => onStream(streamIdOf('actor', data.id), deciders.actor, { type: 'RegisterActor', data }),
    ),
    ...ARTICLES.map((data) => onStream(streamIdOf('article', data.id), deciders.article, { type: 'RecordArticle', data })),
    ...CLAIMS.map((data) => {
      const id = data.id!;
      return onStream(streamIdOf('claim', id), deciders.claim, { type: 'RecordClaim', data: { ...data, id } });
    }),
  ];
  const outcomes = await executeMany(store, commands, {
    metadata: metadataOf(DEMO_WRITE),
    eventId: (index, event, i) => eventIdsOf(DEMO_WRITE, index)(event, i),
  });
  const appended = outcomes.filter((outcome) => outcome.appended).length;
  return { appended, unchanged: outcomes.length - appended };
};
