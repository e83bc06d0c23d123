import type { ClaimCommand } from '../../domain/claims/commands.js';
import { deciders } from '../../domain/deciders.js';
import { streamIdOf } from '../../domain/ids.js';
import type { WriteContext } from './writeContext.js';
import type { StreamWrite, WriteResult } from './writeResult.js';
import type { WriteSide } from './writeSide.js';
import { writeToStream } from './writeToStream.js';

/** What may follow a recorded claim, on its stream: a correction, a corroboration, a dispute, a retraction. */
export type ClaimFollowUp = Exclude<ClaimCommand, { type: 'RecordClaim' }>;

/**
 * Append a follow-up to the claim `command.data.id` (DESIGN "Vocabulary": never by editing,
 * always by appending). A claim that does not exist is `not_found`; a retracted claim takes
 * no further follow-up (`claim_retracted`); an identical repeat appends nothing.
 */
export const followUpClaim = (side: WriteSide, write: WriteContext, command: ClaimFollowUp): Promise<WriteResult<StreamWrite>> =>
  writeToStream(side, write, deciders.claim, streamIdOf('claim', command.data.id), command);
