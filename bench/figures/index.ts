import type { Figure } from '../lib/types.js';
import { appendBatch } from './appendBatch.js';
import { appendSingle } from './appendSingle.js';
import { controlQuery } from './controlQuery.js';
import { httpIngest } from './httpIngest.js';
import { importUcdp } from './importUcdp.js';
import { mapScrub } from './mapScrub.js';
import { peer } from './peer.js';
import { pgAppendBatch } from './pgAppendBatch.js';
import { pgAppendSingle } from './pgAppendSingle.js';
import { pgPeer } from './pgPeer.js';
import { pgSubscribeLag } from './pgSubscribeLag.js';
import { rebuild } from './rebuild.js';
import { restart } from './restart.js';
import { rss2m } from './rss2m.js';
import { snapshotPause } from './snapshotPause.js';
import { sseFanout } from './sseFanout.js';
import { suggest } from './suggest.js';

/** The figures, in the order they run and are reported (issue 6's numbering). */
export const figures: readonly Figure[] = [
  appendSingle,
  appendBatch,
  peer,
  httpIngest,
  controlQuery,
  rebuild,
  snapshotPause,
  restart,
  rss2m,
  sseFanout,
  mapScrub,
  suggest,
  pgAppendSingle,
  pgAppendBatch,
  pgPeer,
  pgSubscribeLag,
  importUcdp,
];
