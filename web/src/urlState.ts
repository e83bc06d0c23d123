/**
 * The view as the URL holds it, so a view can be shared as a link and loading the link
 * restores it: `at` (the world date, YYYY-MM-DD), `asOf` (the knowledge moment as a log
 * position; absent = everything known, following live updates) or `knownAt` (an ISO instant),
 * `grade` (minGrade, e.g. B3; absent = everything claimed), `region` (a place id: the map and
 * the control query are restricted to it), `place` (the place whose evidence is open) and
 * `map` (zoom/lat/lon).
 */
export interface ViewState {
  at: string;
  asOf: string | undefined;
  knownAt: string | undefined;
  grade: string | undefined;
  region: string | undefined;
  place: string | undefined;
  map: { zoom: number; lat: number; lon: number } | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const POSITION = /^\d{1,20}$/;
const GRADE = /^[A-F][1-6]$/;
const ID = /^[a-z0-9][a-z0-9._-]{0,119}$/i;

export const today = () => new Date().toISOString().slice(0, 10);

const parseMap = (text: string | null): ViewState['map'] => {
  const parts = text?.split('/').map(Number);
  if (parts?.length !== 3 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const [zoom, lat, lon] = parts as [number, number, number];
  return { zoom, lat, lon };
};

/** The state a query string asks for; anything malformed falls back to its default. */
export const readState = (search: string): ViewState => {
  const q = new URLSearchParams(search);
  const pick = (name: string, pattern: RegExp) => {
    const value = q.get(name);
    return value !== null && pattern.test(value) ? value : undefined;
  };
  const knownAt = q.get('knownAt');
  return {
    at: pick('at', DATE) ?? today(),
    asOf: pick('asOf', POSITION),
    knownAt: knownAt !== null && !Number.isNaN(Date.parse(knownAt)) ? knownAt : undefined,
    grade: pick('grade', GRADE),
    region: pick('region', ID),
    place: pick('place', ID),
    map: parseMap(q.get('map')),
  };
};

export const writeState = (state: ViewState): string => {
  const q = new URLSearchParams();
  q.set('at', state.at);
  if (state.asOf !== undefined) q.set('asOf', state.asOf);
  else if (state.knownAt !== undefined) q.set('knownAt', state.knownAt);
  if (state.grade) q.set('grade', state.grade);
  if (state.region) q.set('region', state.region);
  if (state.place) q.set('place', state.place);
  if (state.map) q.set('map', `${state.map.zoom}/${state.map.lat.toFixed(4)}/${state.map.lon.toFixed(4)}`);
  return `?${q.toString().replaceAll('%2F', '/')}`;
};

/** Replace the address bar's query (no new history entry per slider step). */
export const saveState = (state: ViewState) => {
  const next = writeState(state);
  if (next !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${next}`);
};
