import type { FastifyReply, FastifyRequest } from 'fastify';
import { idOfStream } from '../../domain/ids.js';
import type { StreamWrite, WriteResult } from '../commands/writeResult.js';
import type { WriteResponse } from './schemas.js';

/** Where a write left a stream, as the API answers it: positions as decimal text. */
export const toWriteResponse = (w: StreamWrite): WriteResponse => ({
  id: idOfStream(w.streamId),
  streamId: w.streamId,
  revision: Number(w.revision),
  position: w.position.toString(),
});

/**
 * Shape the reply to a write and return its body: `201 Created` when the command appended or
 * replayed a first answer (then with `idempotent-replayed: true`), else
 * `200` (an identical repeat: nothing appended); `ETag` with the stream's revision when the
 * command decided on one stream; `Location` on a 201 naming the resource created or changed
 * (RFC 9110 §10.2.2), when the route has one.
 */
export const replyToWrite = <T, Body>(
  request: FastifyRequest,
  reply: FastifyReply,
  result: WriteResult<T>,
  render: (value: T) => Body,
  location?: (value: T) => string,
): Body => {
  const { created, replayed, twin, revision } = result;
  request.log.info(
    { created, replayed, twin, principal: request.principal },
    twin
      ? 'its twin with the same Idempotency-Key landed first: its answer replayed'
      : replayed
        ? 'write replayed'
        : created
          ? 'write appended'
          : 'write had nothing to append',
  );
  if (replayed) void reply.header('idempotent-replayed', 'true');
  if (revision !== undefined) void reply.header('etag', `"${revision}"`);
  const status = created || replayed ? 201 : 200;
  if (status === 201 && location) void reply.header('location', location(result.value));
  void reply.code(status);
  return render(result.value);
};
