import type { Api, Envelope } from './api.js';
import { followEventStream, type StreamState } from './eventStream.js';

/**
 * Live updates: `/v1/subscribe` read with `followEventStream` (fetch, not EventSource, so the
 * API client can send the bearer token), from the head the page loaded, for the events that
 * change what the page shows. After a dropped connection it resumes with Last-Event-ID, so
 * nothing is missed or repeated.
 */
export const LIVE_TYPES = [
  'ClaimRecorded',
  'ClaimCorrected',
  'ClaimRetracted',
  'ClaimDisputed',
  'ClaimCorroborated',
  'SourceReliabilityRevised',
  'PlaceRegistered',
  'PlaceRenamed',
  'ActorRegistered',
  'ActorRenamed',
] as const;

const isLive = (type: string): type is (typeof LIVE_TYPES)[number] => (LIVE_TYPES as readonly string[]).includes(type);

export const follow = (
  api: Api,
  after: string,
  onEvent: (event: Envelope) => void,
  onState: (state: StreamState, reason?: string) => void,
) => {
  const stream = followEventStream({
    open: (lastEventId, signal) => api.subscribe(after, [...LIVE_TYPES], lastEventId, signal),
    onEvent: (message) => {
      if (isLive(message.type)) onEvent(JSON.parse(message.data) as Envelope);
    },
    onState,
  });
  return () => stream.close();
};
