import type { Api, Envelope } from './api.js';

/**
 * Live updates: an EventSource on `/v1/subscribe`, from the head the page loaded, for the
 * events that change what the page shows. The browser reconnects by itself with
 * Last-Event-ID, so nothing is missed or repeated across a dropped connection.
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

export const follow = (api: Api, after: string, onEvent: (event: Envelope) => void, onState: (live: boolean) => void) => {
  const source = new EventSource(api.subscribeUrl(after, [...LIVE_TYPES]));
  source.addEventListener('open', () => onState(true));
  source.addEventListener('error', () => onState(false));
  for (const type of LIVE_TYPES) {
    source.addEventListener(type, (message) => {
      onEvent(JSON.parse((message as MessageEvent<string>).data) as Envelope);
    });
  }
  return () => source.close();
};
