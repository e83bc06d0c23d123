import { randomUUID } from 'node:crypto';
import { deciders } from '../../domain/deciders.js';
import { type Category, streamIdOf } from '../../domain/ids.js';
import { execute } from '../commands/execute.js';
import type { EventStore } from '../eventstore/port.js';
import { eventIdFor } from '../http/eventIds.js';
import { ACTORS, ARTICLES, CLAIMS, PLACES, SOURCES } from './workedExample.js';

/**
 * Load the worked example through the same commands an analyst would send. Idempotent:
 * every entity has a fixed id and registrations are natural-keyed, so a second load
 * decides there is nothing to do and appends nothing.
 */
export const loadWorkedExample = async (store: EventStore): Promise<{ appended: number; unchanged: number }> => {
  const metadata = { principal: 'demo-loader', correlationId: 'demo:worked-example', causationId: 'demo:worked-example' };
  const options = {
    metadata,
    eventId: (event: Parameters<typeof eventIdFor.natural>[0]) => eventIdFor.natural(event) ?? randomUUID(),
  };
  let appended = 0;
  let unchanged = 0;
  const run = async <C>(category: Category, decider: Parameters<typeof execute<C, unknown>>[1], id: string, command: C) => {
    const outcome = await execute(store, decider, streamIdOf(category, id), command, options);
    if (outcome.appended) appended++;
    else unchanged++;
  };
  for (const data of SOURCES) await run('source', deciders.source, data.id, { type: 'RegisterSource', data });
  // Parents come before children in PLACES, as the place tree requires.
  for (const data of PLACES) await run('place', deciders.place, data.id, { type: 'RegisterPlace', data });
  for (const data of ACTORS) {
    if (data.parentId || data.alignedWith) continue;
    await run('actor', deciders.actor, data.id, { type: 'RegisterActor', data });
  }
  for (const data of ACTORS) {
    if (!data.parentId && !data.alignedWith) continue;
    await run('actor', deciders.actor, data.id, { type: 'RegisterActor', data });
  }
  for (const data of ARTICLES) await run('article', deciders.article, data.id, { type: 'RecordArticle', data });
  for (const data of CLAIMS) {
    const id = data.id!;
    await run('claim', deciders.claim, id, { type: 'RecordClaim', data: { ...data, id } });
  }
  return { appended, unchanged };
};
