import type { Figure } from '../lib/types.js';
import { appendBatch } from './appendBatch.js';
import { appendSingle } from './appendSingle.js';
import { peer } from './peer.js';

/** The figures, in the order they run and are reported (issue 6's numbering). */
export const figures: readonly Figure[] = [appendSingle, appendBatch, peer];
