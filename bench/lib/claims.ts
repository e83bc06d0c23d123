import { ARTICLE_ID } from '../../services/demo/workedExample.js';
import { random } from './events.js';

// Places and actors of the worked example, so every claim names entities that exist.
const PLACES = ['al-susa', 'al-mayadin', 'mahkan', 'hay-al-jamiyat', 'al-bukamal', 'deir-ez-zor'];
const ACTORS = ['sdf', 'isis', 'irgc', 'russian-armed-forces', 'deir-ez-zor-military-council', 'ndf'];

/**
 * `POST /v1/claims` bodies for the demo ledger: every one a distinct, valid claim (a unique
 * id, `tag` in it when given), so every 201 is a real durable append of one `ClaimRecorded` event.
 */
export const claimBodies = (seed = 4, tag = '') => {
  const rng = random(seed);
  const run = Date.now().toString(36);
  let n = 0;
  return () => {
    const actor = rng.pick(ACTORS);
    const kind = rng.pick(['control', 'control', 'withdrawal', 'attack']);
    return JSON.stringify({
      id: `bench-${tag}${run}-${n++}`,
      articleId: ARTICLE_ID,
      kind,
      placeId: rng.pick(PLACES),
      actorIds: [actor],
      ...(kind === 'control' ? { share: (1 + rng.int(100)) / 100 } : {}),
      validTime: { date: `2018-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}` },
      credibility: 1 + rng.int(6),
      summary: 'benchmark claim',
    });
  };
};
