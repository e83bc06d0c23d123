import './styles.css';
import type { Actor, ControlAnswer, Envelope, Place } from './api.js';
import { Colours } from './colours.js';
import { addDays, longDate } from './dates.js';
import { byId } from './dom.js';
import { failureText } from './failureText.js';
import { Legend } from './legend.js';
import { follow } from './live.js';
import { ControlMap } from './mapLayer.js';
import { EvidencePanel } from './panel.js';
import { PlaceList } from './placeList.js';
import { SearchBox, type SearchResult } from './search.js';
import { signedInApi } from './signedInApi.js';
import { type KnowledgeMarker, Sliders } from './sliders.js';
import { readState, saveState, today as todayDate, type ViewState } from './urlState.js';

/**
 * The map page (`/`): wires the API client, the map, the sliders, the evidence panel, the
 * search box and live updates around one view state that the URL holds. Each redraw is
 * timed with a performance measure named `sijill:<why>` (date, known, grade, live, replay,
 * initial) and counted in `document.body.dataset.renders`, which the browser tests and the
 * `map-scrub` benchmark read.
 */
const state: ViewState = readState(window.location.search);

// Signing in, for a service with tokens: the Sign in and Sign out buttons go in the header.
const api = signedInApi(byId('account'));
const colours = new Colours(document.querySelector<SVGDefsElement>('#patterns defs')!);
const places = new Map<string, Place>();
const actors = new Map<string, Actor>();
const markers: KnowledgeMarker[] = [];
const statusLine = byId('status');
let answer: ControlAnswer | undefined;
let renders = 0;

const scope = () => ({ asOf: state.asOf, knownAt: state.knownAt, minGrade: state.grade });

const announce = (text: string, alert = false) => {
  statusLine.textContent = text;
  statusLine.setAttribute('role', alert ? 'alert' : 'status');
};

const map = new ControlMap(byId('map'), colours, (id) => void select(id));
const legend = new Legend(colours);
legend.addTo(map.map);

const panel = new EvidencePanel({
  api,
  colours,
  places,
  actors,
  unit: (pcode) => map.unit(pcode),
  retractedClaimIds: () => markers.filter((m) => m.type === 'ClaimRetracted').map((m) => m.claimId),
  onClose: () => {
    state.place = undefined;
    map.select(undefined);
    if (answer) map.update(answer);
    saveState(state);
  },
});

const list = new PlaceList(places, colours, (id) => void select(id));

let playing: ReturnType<typeof setTimeout> | undefined;
const playButton = byId<HTMLButtonElement>('play');
const stopPlay = () => {
  if (playing === undefined) return;
  clearTimeout(playing);
  playing = undefined;
  playButton.setAttribute('aria-pressed', 'false');
  playButton.textContent = '▶ Play changes';
};

const sliders = new Sliders({
  onDate(date) {
    stopPlay();
    state.at = date;
    void refresh('date');
  },
  onKnown(position) {
    state.asOf = position;
    state.knownAt = undefined;
    void refresh('known');
    if (position !== undefined)
      void api.eventAtOrBefore(position).then(
        (e) => sliders.showKnownInstant(position, e?.recordedAt ?? null),
        () => undefined,
      );
  },
});

let sequence = 0;
let inFlight: AbortController | undefined;

/** Ask for control with the view's date, cutoff, grade and region; draw it; measure how long it took. */
const refresh = async (why: string, minPosition?: string, fetched?: Promise<ControlAnswer>) => {
  const id = ++sequence;
  const started = performance.now();
  inFlight?.abort();
  const abort = new AbortController();
  inFlight = abort;
  saveState(state);
  try {
    const next = await (fetched ?? api.control(state.at, { ...scope(), within: state.region, minPosition }, abort.signal));
    if (id !== sequence) return;
    answer = next;
    map.update(next);
    legend.update(next, actors);
    list.update(next);
    if (panel.placeId) void panel.show(panel.placeId, controlOf(panel.placeId), { ...scope(), at: state.at }, false);
    // The map is updated when the browser has painted it: the frame after the styles changed.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    if (id !== sequence) return;
    performance.measure(`sijill:${why}`, { start: started, end: performance.now() });
    renders++;
    document.body.dataset.renders = String(renders);
    document.body.dataset.at = next.at;
    document.body.dataset.asOf = next.asOf;
    const known = next.places.filter((p) => p.status !== 'unknown').length;
    announce(
      `${longDate(next.at)}${state.asOf ? `, as known at position ${next.asOf}` : ''}: ${known} place${
        known === 1 ? '' : 's'
      } with a known state${next.minGrade ? ` (${next.minGrade} or better)` : ''}`,
    );
  } catch (error) {
    if ((error as Error).name === 'AbortError') return;
    announce(`Could not load control: ${failureText(error)}`, true);
  }
};

const controlOf = (placeId: string) => answer?.places.find((p) => p.placeId === placeId);

const select = async (placeId: string, focus = true) => {
  if (!places.has(placeId)) return;
  state.place = placeId;
  map.select(placeId);
  if (answer) map.update(answer);
  saveState(state);
  await panel.show(placeId, controlOf(placeId), { ...scope(), at: state.at }, focus);
};

const pick = (result: SearchResult) => {
  if (result.kind === 'place') {
    map.flyTo(result.place.id);
    void select(result.place.id);
    return;
  }
  const held = (answer?.places ?? []).filter((p) => p.shares.some((s) => s.actorId === result.actor.id)).map((p) => p.placeId);
  if (held.length > 0) map.flyToAll(held);
  announce(
    held.length > 0
      ? `${result.actor.names.en} holds a share of ${held.length} place${held.length === 1 ? '' : 's'} on ${longDate(state.at)}`
      : `${result.actor.names.en} holds no known share of any place on ${longDate(state.at)}`,
  );
};
new SearchBox(api, pick);

// The grade toggle: everything claimed, or well-graded claims only (minGrade B3).
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="grade"]')) {
  radio.checked = radio.value === (state.grade ?? '');
  radio.addEventListener('change', () => {
    if (!radio.checked) return;
    state.grade = radio.value || undefined;
    void refresh('grade');
  });
}

const regionButton = byId<HTMLButtonElement>('region-clear');
const setRegion = (regionId: string | undefined) => {
  state.region = regionId && places.has(regionId) ? regionId : undefined;
  map.setRegion(state.region);
  regionButton.hidden = state.region === undefined;
  regionButton.textContent = state.region ? `Whole map (now: ${places.get(state.region)?.names.en})` : 'Whole map';
  if (state.region) map.flyTo(state.region);
};
regionButton.addEventListener('click', () => {
  setRegion(undefined);
  void refresh('region');
});
byId<HTMLButtonElement>('panel-region').addEventListener('click', () => {
  if (!panel.placeId) return;
  setRegion(panel.placeId);
  void refresh('region');
});

/** The dates on which control changes after (or before) the view's date, from `/v1/replay`. */
const changeDates = async (direction: 1 | -1) => {
  const [from, to] =
    direction === 1 ? [addDays(state.at, 1), addDays(state.at, 3 * 365)] : [addDays(state.at, -3 * 365), addDays(state.at, -1)];
  const changes = await api.replay(from, to, { ...scope(), within: state.region });
  const dates = [...new Set(changes.map((c) => c.date))].sort();
  return direction === 1 ? dates : dates.reverse();
};

const goTo = async (date: string, why: string) => {
  state.at = date;
  sliders.setDate(date);
  await refresh(why);
};

for (const [id, direction] of [
  ['next-change', 1],
  ['prev-change', -1],
] as const) {
  byId<HTMLButtonElement>(id).addEventListener('click', async () => {
    stopPlay();
    const [date] = await changeDates(direction);
    if (date) await goTo(date, 'replay');
    else announce(`No change of control ${direction === 1 ? 'after' : 'before'} ${longDate(state.at)}`);
  });
}

/** Replay: step the date through every change after the current date, one change date every 900 ms. */
playButton.addEventListener('click', async () => {
  if (playing !== undefined) return stopPlay();
  const dates = await changeDates(1);
  if (dates.length === 0) return announce(`No change of control after ${longDate(state.at)}`);
  playButton.setAttribute('aria-pressed', 'true');
  playButton.textContent = '❚❚ Pause';
  const step = async (i: number) => {
    const date = dates[i];
    if (date === undefined) return stopPlay();
    await goTo(date, 'replay');
    if (playButton.getAttribute('aria-pressed') === 'true') playing = setTimeout(() => void step(i + 1), 900);
  };
  playing = setTimeout(() => void step(0), 0);
});

let liveTimer: ReturnType<typeof setTimeout> | undefined;
let livePosition = '0';
/** A burst of events gives one redraw, at the last of their positions. */
const liveRefresh = (position: string) => {
  livePosition = BigInt(position) > BigInt(livePosition) ? position : livePosition;
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => {
    if (sliders.isFollowing) void refresh('live', livePosition);
  }, 30);
};

const onLive = async (event: Envelope) => {
  sliders.extendHead(event.position);
  const data = event.data as { claimId?: string; placeId?: string };
  switch (event.type) {
    case 'ClaimCorrected':
    case 'ClaimRetracted':
      markers.push({ position: event.position, type: event.type, claimId: data.claimId!, recordedAt: event.recordedAt });
      sliders.addMarker(markers.at(-1)!);
      panel.invalidate(data.claimId);
      break;
    case 'ClaimDisputed':
    case 'ClaimCorroborated':
      panel.invalidate(data.claimId);
      break;
    case 'PlaceRegistered':
    case 'PlaceRenamed': {
      const place = await api.place(data.placeId!);
      places.set(place.id, place);
      map.addPlace(place);
      break;
    }
    case 'ActorRegistered':
    case 'ActorRenamed':
      for (const actor of await api.actors()) actors.set(actor.id, actor);
      colours.setActors(actors.values());
      break;
    default:
      break;
  }
  liveRefresh(event.position);
};

const start = async () => {
  const basemapUrl = document.querySelector<HTMLLinkElement>('link#basemap')!.href;
  // The first answer's critical path: basemap, registry and control, fetched together. The
  // log's extent and the first claim's date only shape the sliders: they follow.
  const firstAnswer = api.control(state.at, { ...scope(), within: state.region });
  const bounds = api.logBounds();
  const firstDate = api.firstControlDate().catch(() => null);
  const [, placeList, actorList] = await Promise.all([map.loadBasemap(basemapUrl), api.places(), api.actors()]);
  for (const actor of actorList) actors.set(actor.id, actor);
  colours.setActors(actors.values());
  for (const place of placeList) places.set(place.id, place);
  map.setPlaces(placeList);
  setRegion(state.region);
  const today = todayDate();
  const latest = [today, state.at].sort().at(-1)!;
  sliders.setDateRange(addDays(state.at, -365), latest);
  sliders.setDate(state.at);
  void firstDate.then((date) => {
    if (date && date < state.at) sliders.setDateRange(addDays(date, -30), latest);
    sliders.setDate(state.at);
  });
  const first = await firstAnswer;
  // Until the log's extent arrives, the knowledge slider spans what the first answer reflects.
  sliders.setKnowledge('0', first.asOf, state.asOf);
  void bounds.then(({ first: firstEvent, head }) => {
    sliders.setKnowledge(firstEvent?.position ?? '0', state.asOf === undefined ? first.asOf : head, sliders.positionOrLatest());
  });
  // Live updates start after the position the first answer reflects.
  const head = state.asOf === undefined ? first.asOf : (await bounds).head;
  if (state.map) map.map.setView([state.map.lat, state.map.lon], state.map.zoom);
  else if (state.place && !state.region) map.flyTo(state.place);
  else if (!state.region) map.fitCountry();
  map.map.on('moveend', () => {
    const c = map.map.getCenter();
    state.map = { zoom: map.map.getZoom(), lat: c.lat, lon: c.lng };
    saveState(state);
  });
  await refresh('initial', undefined, firstAnswer);
  // From navigation start: assets, basemap, registry and the first control answer, drawn.
  performance.measure('sijill:load', { start: 0, end: performance.now() });
  // A link that names a place opens its evidence, leaving the focus where the page starts.
  if (state.place) void select(state.place, false);
  // After the first answer: the knowledge markers, and live updates from the head the page showed.
  follow(
    api,
    head,
    (e) => void onLive(e),
    (live, reason) => {
      document.body.classList.toggle('offline', live === 'reconnecting');
      document.body.classList.toggle('stopped', live === 'stopped');
      document.body.dataset.live = String(live === 'open');
      if (live === 'stopped') announce(`Live updates stopped: ${reason ?? 'the service refused them'}`, true);
    },
  );
  for (const e of await api.eventsOfType(['ClaimCorrected', 'ClaimRetracted'])) {
    if (markers.some((m) => m.position === e.position)) continue;
    markers.push({
      position: e.position,
      type: e.type as KnowledgeMarker['type'],
      claimId: (e.data as { claimId: string }).claimId,
      recordedAt: e.recordedAt,
    });
  }
  sliders.setMarkers(markers);
  document.body.dataset.ready = 'true';
};

start().catch((error: unknown) => {
  announce(`The map could not start: ${failureText(error)}`, true);
});
