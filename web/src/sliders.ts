import { dateOf, dayNumber, instantText, longDate } from './dates.js';
import { byId, h } from './dom.js';

/**
 * The two sliders. The world date (`at`) moves by a day per arrow key, a month per Page key;
 * the knowledge moment (`asOf`) moves along log positions, from the first event to the head,
 * and sits at "latest" (following live updates) when at the head. Under the knowledge slider a
 * marker for each correction and retraction: activating one shows the map just before it.
 */
export interface KnowledgeMarker {
  readonly position: string;
  readonly type: 'ClaimCorrected' | 'ClaimRetracted';
  readonly claimId: string;
  readonly recordedAt: string;
}

export interface SliderEvents {
  onDate(date: string): void;
  /** `undefined`: everything known (latest). */
  onKnown(position: string | undefined): void;
}

export class Sliders {
  private readonly date = byId<HTMLInputElement>('date-slider');
  private readonly dateInput = byId<HTMLInputElement>('date-input');
  private readonly dateLabel = byId<HTMLOutputElement>('date-label');
  private readonly known = byId<HTMLInputElement>('known-slider');
  private readonly knownLabel = byId<HTMLOutputElement>('known-label');
  private readonly latest = byId<HTMLButtonElement>('known-latest');
  private readonly markers = byId<HTMLFieldSetElement>('known-markers');
  private readonly markersLegend = this.markers.querySelector('legend')!;
  private markerList: KnowledgeMarker[] = [];
  private head = 0;
  private first = 0;
  private following = true;

  constructor(private readonly events: SliderEvents) {
    this.date.addEventListener('input', () => {
      const date = dateOf(Number(this.date.value));
      this.showDate(date);
      this.events.onDate(date);
    });
    this.dateInput.addEventListener('change', () => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(this.dateInput.value)) return;
      this.setDate(this.dateInput.value);
      this.events.onDate(this.dateInput.value);
    });
    this.known.addEventListener('input', () => {
      const position = Number(this.known.value);
      this.following = position >= this.head;
      this.showKnown();
      this.events.onKnown(this.following ? undefined : String(position));
    });
    this.latest.addEventListener('click', () => {
      this.following = true;
      this.known.value = String(this.head);
      this.showKnown();
      this.events.onKnown(undefined);
    });
  }

  setDateRange(from: string, to: string) {
    this.date.min = String(dayNumber(from));
    this.date.max = String(dayNumber(to));
    this.dateInput.min = from;
    this.dateInput.max = to;
  }

  /** Move the date slider (widening its range when needed) without telling the listeners. */
  setDate(date: string) {
    const day = dayNumber(date);
    if (day < Number(this.date.min)) this.date.min = String(day);
    if (day > Number(this.date.max)) this.date.max = String(day);
    this.date.value = String(day);
    this.showDate(date);
  }

  private showDate(date: string) {
    this.dateInput.value = date;
    this.dateLabel.value = longDate(date);
    this.date.setAttribute('aria-valuetext', longDate(date));
  }

  /**
   * The log's extent; `position` undefined = latest (following live updates). A position given
   * (a link's `asOf`) is a pinned view, even when it is the head: only a user moving the
   * slider to its end, or pressing Latest, follows again.
   */
  setKnowledge(first: string, head: string, position: string | undefined) {
    this.first = Number(first);
    // Live events may have moved the head on already: it never moves back.
    this.head = Math.max(Number(head), this.first, this.head);
    this.known.min = String(this.first);
    this.known.max = String(this.head);
    this.following = position === undefined;
    this.known.value = String(this.following ? this.head : Math.min(this.head, Math.max(this.first, Number(position))));
    this.known.disabled = this.head <= this.first;
    this.showKnown();
    this.placeMarkers();
  }

  /** The log grew (live): the slider's end moves; a slider at latest stays at latest. */
  extendHead(position: string) {
    const p = Number(position);
    if (p <= this.head) return;
    this.head = p;
    this.known.max = String(p);
    this.known.disabled = false;
    if (this.following) this.known.value = String(p);
    this.showKnown();
    this.placeMarkers();
  }

  /** The chosen position, or undefined at latest. */
  positionOrLatest(): string | undefined {
    return this.following ? undefined : this.known.value;
  }

  get isFollowing() {
    return this.following;
  }

  /** Called with the instant of the last event at or before the chosen position, once known. */
  showKnownInstant(position: string, recordedAt: string | null) {
    if (this.known.value !== position && !(this.following && Number(position) >= this.head)) return;
    this.showKnown(recordedAt);
  }

  private showKnown(recordedAt: string | null = null) {
    const position = Number(this.known.value);
    const when = recordedAt ? `, recorded by ${instantText(recordedAt)}` : '';
    const text = this.following
      ? `Everything known (latest, position ${this.head}) — live`
      : `As known at position ${position} of ${this.head}${when}`;
    this.knownLabel.value = text;
    this.known.setAttribute('aria-valuetext', text);
    this.latest.disabled = this.following;
  }

  setMarkers(markers: KnowledgeMarker[]) {
    this.markerList = markers;
    this.placeMarkers();
  }

  addMarker(marker: KnowledgeMarker) {
    if (this.markerList.some((m) => m.position === marker.position)) return;
    this.markerList.push(marker);
    this.placeMarkers();
  }

  private placeMarkers() {
    const span = Math.max(1, this.head - this.first);
    this.markers.replaceChildren(
      this.markersLegend,
      ...this.markerList.map((m) => {
        const what = m.type === 'ClaimCorrected' ? 'Correction' : 'Retraction';
        const label = `${what} of claim ${m.claimId}, recorded ${instantText(m.recordedAt)} at position ${m.position}: show the map just before it`;
        return h(
          'button',
          {
            type: 'button',
            class: `marker ${m.type === 'ClaimCorrected' ? 'correction' : 'retraction'}`,
            style: `left: ${(100 * (Number(m.position) - this.first)) / span}%`,
            title: label,
            'aria-label': label,
            'data-position': m.position,
            onclick: () => this.before(m),
          },
          m.type === 'ClaimCorrected' ? 'C' : 'R',
        );
      }),
    );
  }

  /** Show the map as the ledger knew it just before this correction or retraction. */
  private before(marker: KnowledgeMarker) {
    const position = String(Math.max(this.first, Number(marker.position) - 1));
    this.following = false;
    this.known.value = position;
    this.showKnown();
    this.events.onKnown(position);
  }
}
