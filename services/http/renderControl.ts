import type { PlaceView } from '../../projections/registry.js';
import type { ControlAnswer, PlaceControl } from '../queries/control.js';

/**
 * The JSON text of each place's answer, made once per answer object: the control query hands
 * back the same object for every date within a step of a place's cached timeline, so a
 * region's answer is these texts joined — not 1,000 places serialised again on every request.
 * Weakly held: objects of a timeline the cache dropped are collected with their text.
 */
const texts = new WeakMap<PlaceControl, string>();

const textOf = (place: PlaceControl): string => {
  let text = texts.get(place);
  if (text === undefined) {
    text = JSON.stringify(place);
    texts.set(place, text);
  }
  return text;
};

/** `GET /v1/control` as `application/json`: the answer's fields, then its places. */
export const controlJson = (answer: ControlAnswer): string => {
  const { places, ...head } = answer;
  return `${JSON.stringify(head).slice(0, -1)},"places":[${places.map(textOf).join(',')}]}`;
};

/** `GET /v1/control` as an RFC 7946 FeatureCollection: [lon, lat] points, the place's control as properties. */
export const controlGeoJson = (answer: ControlAnswer, places: ReadonlyMap<string, PlaceView>) => ({
  type: 'FeatureCollection' as const,
  features: answer.places.map((p) => {
    const location = places.get(p.placeId)?.location;
    return {
      type: 'Feature' as const,
      id: p.placeId,
      geometry: location ? { type: 'Point' as const, coordinates: [location.lon, location.lat] } : null,
      properties: { ...p, at: answer.at, asOf: answer.asOf, locationApproximate: location?.approximate ?? null },
    };
  }),
});
