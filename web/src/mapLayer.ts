import type { Feature, Geometry } from 'geojson';
import L from 'leaflet';
import { feature } from 'topojson-client';
import type { ControlAnswer, Place, PlaceControl } from './api.js';
import { type Colours, UNKNOWN } from './colours.js';

/**
 * The map: Leaflet with no tile layer (the page works offline), the COD-AB basemap (country,
 * governorates, districts, sub-districts) drawn from the bundled TopoJSON, every place with a
 * location as a point, and each area place with a known state filled over its polygon, found
 * by its OCHA P-code. Points and areas carry `data-place` and `data-status` for tests and
 * assistive tools, and open the place's evidence when clicked (or Enter on a focused point).
 */
export interface AdminUnit {
  readonly level: number;
  readonly pcode: string;
  readonly en: string | null;
  readonly ar: string | null;
  readonly parent: string | null;
}

export const ATTRIBUTION =
  'Boundaries: <a href="https://data.humdata.org/dataset/cod-ab-syr">OCHA COD-AB Syria</a> (v02, 2020-12-17), CC BY-IGO';

/** Points are focusable one by one only while there are few of them; the list and search serve larger ledgers. */
const FOCUSABLE_POINTS = 300;

const AREA_KINDS = new Set(['country', 'governorate', 'district', 'subdistrict']);

interface PlaceLayers {
  place: Place;
  point: L.CircleMarker | undefined;
  area: L.GeoJSON | undefined;
  key: string;
}

export class ControlMap {
  readonly map: L.Map;
  private readonly units = new Map<string, Feature<Geometry, AdminUnit>>();
  private readonly layers = new Map<string, PlaceLayers>();
  private readonly fills: L.LayerGroup;
  private readonly points: L.LayerGroup;
  private readonly fillRenderer: L.SVG;
  private readonly pointRenderer: L.SVG;
  private selected: string | undefined;
  private region: Set<string> | undefined;
  private country: L.LatLngBounds | undefined;

  constructor(
    container: HTMLElement,
    private readonly colours: Colours,
    private readonly onSelect: (placeId: string) => void,
  ) {
    this.map = L.map(container, {
      zoomSnap: 0.25,
      minZoom: 5,
      maxZoom: 14,
      attributionControl: true,
      keyboard: true,
      preferCanvas: false,
    });
    this.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    this.map.attributionControl.addAttribution(ATTRIBUTION);
    // Land below the control fills, the outlines (overlay pane, 400) above them, the points on top.
    this.map.createPane('land').style.zIndex = '250';
    this.map.createPane('fills').style.zIndex = '390';
    this.map.createPane('points').style.zIndex = '450';
    this.fillRenderer = L.svg({ pane: 'fills' });
    this.pointRenderer = L.svg({ pane: 'points' });
    this.fills = L.layerGroup().addTo(this.map);
    this.points = L.layerGroup().addTo(this.map);
    this.map.setView([35, 38.5], 6.5);
    container.setAttribute('aria-label', 'Map of control. Arrow keys pan, plus and minus zoom.');
    // The evidence panel takes width from the map when it opens: Leaflet must know its new size
    // (keeping the centre where it was).
    new ResizeObserver(() => this.map.invalidateSize({ pan: true, animate: false })).observe(container);
  }

  /** Draw the basemap's outlines, finest first so the coarser lines lie on top. */
  async loadBasemap(url: string) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`basemap ${url}: HTTP ${response.status}`);
    const topology = (await response.json()) as { objects: Record<string, unknown> };
    const style: Record<string, L.PathOptions> = {
      admin0: { color: '#3c4043', weight: 2, fillColor: '#f4f1ea', fillOpacity: 1 },
      admin1: { color: '#5f6368', weight: 1.4, fill: false },
      admin2: { color: '#80868b', weight: 0.8, fill: false, dashArray: '4 3' },
      admin3: { color: '#bdc1c6', weight: 0.5, fill: false },
    };
    for (const level of ['admin0', 'admin3', 'admin2', 'admin1'] as const) {
      const collection = feature(topology, topology.objects[level]);
      for (const f of collection.features) {
        const unit = f as Feature<Geometry, AdminUnit>;
        if (unit.properties.pcode) this.units.set(unit.properties.pcode, unit);
      }
      const pane = level === 'admin0' ? 'land' : 'overlayPane';
      const layer = L.geoJSON(collection, { style: style[level]!, interactive: false, pane }).addTo(this.map);
      if (level === 'admin0') this.country = layer.getBounds();
    }
  }

  /** Show the whole country. */
  fitCountry() {
    if (this.country) this.map.fitBounds(this.country, { padding: [10, 10] });
  }

  unit(pcode: string | undefined): AdminUnit | undefined {
    return pcode ? this.units.get(pcode)?.properties : undefined;
  }

  setPlaces(places: Iterable<Place>) {
    const list = [...places];
    for (const place of list) this.addPlace(place, list.length <= FOCUSABLE_POINTS);
  }

  addPlace(place: Place, focusable = this.layers.size < FOCUSABLE_POINTS) {
    if (this.layers.has(place.id)) return;
    const entry: PlaceLayers = { place, point: undefined, area: undefined, key: '' };
    // Registered first: adding the point to the map fires 'add', which decorates it from here.
    this.layers.set(place.id, entry);
    if (place.location) {
      const area = AREA_KINDS.has(place.kind);
      const point = L.circleMarker([place.location.lat, place.location.lon], {
        renderer: this.pointRenderer,
        radius: area ? 4 : 6,
        weight: area ? 1 : 1.5,
        color: '#202124',
        fillColor: UNKNOWN,
        fillOpacity: 1,
        className: 'place-point',
      });
      point.bindTooltip(() => this.tooltipOf(place.id), { direction: 'top', offset: [0, -6] });
      point.on('click', () => this.onSelect(place.id));
      point.on('add', () => this.decorate(place.id, point.getElement(), focusable));
      entry.point = point;
      this.points.addLayer(point);
    }
  }

  private tooltipOf(placeId: string): HTMLElement {
    const entry = this.layers.get(placeId)!;
    const el = document.createElement('div');
    const en = document.createElement('strong');
    en.textContent = entry.place.names.en;
    el.append(en);
    if (entry.place.names.ar) {
      const ar = document.createElement('span');
      ar.lang = 'ar';
      ar.dir = 'rtl';
      ar.className = 'original';
      ar.textContent = ` ${entry.place.names.ar}`;
      el.append(' ', ar);
    }
    const status = document.createElement('div');
    status.textContent = entry.key.split('|')[0] || 'unknown';
    el.append(status);
    return el;
  }

  private decorate(placeId: string, element: Element | undefined, focusable: boolean) {
    if (!element) return;
    const place = this.layers.get(placeId)!.place;
    element.setAttribute('data-place', placeId);
    element.setAttribute('role', 'button');
    element.setAttribute('aria-label', `${place.names.en}${place.names.ar ? ` (${place.names.ar})` : ''}: show evidence`);
    if (focusable) {
      element.setAttribute('tabindex', '0');
      element.addEventListener('keydown', (event) => {
        const key = (event as KeyboardEvent).key;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          this.onSelect(placeId);
        }
      });
    }
  }

  /** Restrict the map to a place and everything within it (undefined: everything). */
  setRegion(regionId: string | undefined) {
    if (regionId === undefined) this.region = undefined;
    else
      this.region = new Set(
        [...this.layers.values()]
          .filter((e) => e.place.id === regionId || e.place.ancestorIds.includes(regionId))
          .map((e) => e.place.id),
      );
    for (const [id, entry] of this.layers) {
      const inside = !this.region || this.region.has(id);
      if (!entry.point) continue;
      if (inside && !this.points.hasLayer(entry.point)) this.points.addLayer(entry.point);
      if (!inside && this.points.hasLayer(entry.point)) this.points.removeLayer(entry.point);
    }
  }

  /** Restyle what changed since the last answer. */
  update(answer: ControlAnswer) {
    const byPlace = new Map<string, PlaceControl>(answer.places.map((p) => [p.placeId, p]));
    for (const [id, entry] of this.layers) {
      const control = this.region && !this.region.has(id) ? undefined : byPlace.get(id);
      const status = control?.status ?? 'unknown';
      const fill = this.colours.fillOf(control);
      const key = `${status}|${fill}|${id === this.selected}`;
      if (key === entry.key) continue;
      entry.key = key;
      if (entry.point) {
        entry.point.setStyle({
          fillColor: fill,
          color: id === this.selected ? '#000' : '#202124',
          weight: id === this.selected ? 3 : 1.5,
        });
        entry.point.getElement()?.setAttribute('data-status', status);
      }
      this.updateArea(entry, control, fill);
    }
  }

  private updateArea(entry: PlaceLayers, control: PlaceControl | undefined, fill: string) {
    const unit = entry.place.pcode ? this.units.get(entry.place.pcode) : undefined;
    const status = control?.status ?? 'unknown';
    if (!unit || status === 'unknown') {
      if (entry.area) this.fills.removeLayer(entry.area);
      entry.area = undefined;
      return;
    }
    const style: L.PathOptions = {
      fillColor: fill,
      fillOpacity: 0.6,
      color: fill.startsWith('url(') ? '#202124' : fill,
      weight: entry.place.id === this.selected ? 3 : 1.5,
      className: 'place-area',
    };
    if (!entry.area) {
      const placeId = entry.place.id;
      entry.area = L.geoJSON(unit, { style, renderer: this.fillRenderer } as L.GeoJSONOptions);
      entry.area.on('click', () => this.onSelect(placeId));
      this.fills.addLayer(entry.area);
    } else entry.area.setStyle(style);
    entry.area.eachLayer((layer) => {
      const element = (layer as L.Path).getElement();
      element?.setAttribute('data-area', entry.place.id);
      element?.setAttribute('data-status', status);
    });
  }

  select(placeId: string | undefined) {
    const previous = this.selected;
    this.selected = placeId;
    for (const id of [previous, placeId]) {
      const entry = id ? this.layers.get(id) : undefined;
      if (entry) entry.key = '';
    }
  }

  /** Fly to a place: its polygon's bounds when it has one, else its point. */
  flyTo(placeId: string) {
    const entry = this.layers.get(placeId);
    if (!entry) return;
    const unit = entry.place.pcode ? this.units.get(entry.place.pcode) : undefined;
    if (unit) this.map.flyToBounds(L.geoJSON(unit).getBounds(), { maxZoom: 9, duration: 0.8 });
    else if (entry.place.location)
      this.map.flyTo([entry.place.location.lat, entry.place.location.lon], Math.max(this.map.getZoom(), 10), { duration: 0.8 });
  }

  /** Fly to the bounds of several places (an actor's holdings). */
  flyToAll(placeIds: string[]) {
    const points = placeIds
      .map((id) => this.layers.get(id)?.place.location)
      .filter((p): p is NonNullable<typeof p> => p !== undefined)
      .map((p) => L.latLng(p.lat, p.lon));
    if (points.length > 0) this.map.flyToBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 10, duration: 0.8 });
  }
}
