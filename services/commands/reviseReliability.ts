import { deciders } from '../../domain/deciders.js';
import { streamIdOf } from '../../domain/ids.js';
import type { ReviseSourceReliability } from '../../domain/sources/commands.js';
import type { WriteContext } from './writeContext.js';
import type { StreamWrite, WriteResult } from './writeResult.js';
import type { WriteSide } from './writeSide.js';
import { writeToStream } from './writeToStream.js';

/**
 * Revise the Admiralty reliability grade of source `sourceId` (DESIGN "Vocabulary": revisions
 * are events, so what a source was graded at any moment stays answerable). An unknown source
 * is `not_found`; the grade it already has appends nothing.
 */
export const reviseReliability = (
  side: WriteSide,
  write: WriteContext,
  sourceId: string,
  revision: ReviseSourceReliability,
): Promise<WriteResult<StreamWrite>> =>
  writeToStream(side, write, deciders.source, streamIdOf('source', sourceId), {
    type: 'ReviseSourceReliability',
    data: { ...revision, id: sourceId },
  });
