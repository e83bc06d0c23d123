import type { PlaceView } from '../../projections/registry.js';
import type { ControlAnswer, PlaceControl } from '../queries/control.js';

/** How a control answer is rendered: with each place's evidence claim ids, or without (`claimIds=false`). */
export interface ControlRendering {
  readonly claimIds: boolean;
}

/**
 * The JSON text of each place's answer, made once per answer object and rendering: the
 * control query hands back the same object for every date within a step of a place's cached
 * timeline, so a region's answer is these texts joined — not 1,000 places serialised again on
 * every request. Weakly held: objects of a timeline the cache dropped are collected with
 * their text.
 */
const texts = { full: new WeakMap<PlaceControl, string>(), summary: new WeakMap<PlaceControl, string>() };

const withoutClaimIds = ({ claimIds: _, ...place }: PlaceControl) => place;

const textOf = (place: PlaceControl, rendering: ControlRendering): string => {
  const cache = rendering.claimIds ? texts.full : texts.summary;
  let text = cache.get(place);
  if (text === undefined) {
    text = JSON.stringify(rendering.claimIds ? place : withoutClaimIds(place));
    cache.set(place, text);
  }
  return text;
};

/** `GET /v1/control` as `application/json`: the answer's fields, then its places. */
export const controlJson = (answer: ControlAnswer, rendering: ControlRendering): string => {
  const { places, ...head } = answer;
  return `${JSON.stringify(head).slice(0, -1)},"places":[${places.map((p) => textOf(p, rendering)).join(',')}]}`;
};

/** `GET /v1/control` as an RFC 7946 FeatureCollection: [lon, lat] points, the place's control as properties. */
export const controlGeoJson = (answer: ControlAnswer, places: ReadonlyMap<string, PlaceView>, rendering: ControlRendering) => ({
  type: 'FeatureCollection' as const,
  features: answer.places.map((p) => {
    const location = places.get(p.placeId)?.location;
    return {
      type: 'Feature' as const,
      id: p.placeId,
      geometry: location ? { type: 'Point' as const, coordinates: [location.lon, location.lat] } : null,
      properties: {
        ...(rendering.claimIds ? p : withoutClaimIds(p)),
        at: answer.at,
        asOf: answer.asOf,
        locationApproximate: location?.approximate ?? null,
      },
    };
  }),
});
