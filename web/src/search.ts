import type { Actor, Api, Place } from './api.js';
import { byId, h, original } from './dom.js';

/**
 * The search box: the registry's name search over places and actors (Arabic or English, any
 * spelling variant the API folds), as an ARIA 1.2 combobox — arrows move through the results,
 * Enter picks, Escape closes. Picking a place flies to it and opens its evidence; picking an
 * actor flies to the places it holds a share of on the view's date.
 */
export type SearchResult = { kind: 'place'; place: Place } | { kind: 'actor'; actor: Actor };

export class SearchBox {
  private readonly input = byId<HTMLInputElement>('search');
  private readonly list = byId<HTMLDivElement>('search-results');
  private results: SearchResult[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;

  constructor(
    private readonly api: Api,
    private readonly onPick: (result: SearchResult) => void,
  ) {
    this.input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.search(), 150);
    });
    this.input.addEventListener('keydown', (event) => this.key(event));
    this.input.addEventListener('blur', () => setTimeout(() => this.closeList(), 150));
  }

  private async search() {
    const q = this.input.value.trim();
    this.abort?.abort();
    if (q.length === 0) return this.closeList();
    const abort = new AbortController();
    this.abort = abort;
    try {
      const [places, actors] = await Promise.all([
        this.api.searchPlaces(q, abort.signal),
        this.api.searchActors(q, abort.signal),
      ]);
      this.results = [
        ...places.map((place) => ({ kind: 'place' as const, place })),
        ...actors.map((actor) => ({ kind: 'actor' as const, actor })),
      ];
      this.render();
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  private render() {
    this.active = this.results.length > 0 ? 0 : -1;
    this.list.replaceChildren(
      ...(this.results.length === 0
        ? [h('div', { class: 'empty', role: 'option', 'aria-disabled': 'true' }, 'No place or actor by that name')]
        : this.results.map((r, i) => {
            const names = r.kind === 'place' ? r.place.names : r.actor.names;
            return h(
              'div',
              {
                id: `search-option-${i}`,
                role: 'option',
                'aria-selected': String(i === this.active),
                onmousedown: (event: Event) => {
                  event.preventDefault();
                  this.pick(i);
                },
              },
              h('span', { class: 'what' }, r.kind === 'place' ? r.place.kind : 'actor'),
              ` ${names.en}`,
              names.ar ? ' ' : '',
              names.ar ? original(names.ar) : '',
            );
          })),
    );
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.highlight();
  }

  private highlight() {
    for (const [i, li] of [...this.list.children].entries()) li.setAttribute('aria-selected', String(i === this.active));
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `search-option-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private key(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (this.results.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.results.length) % this.results.length;
      this.highlight();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (this.active >= 0) this.pick(this.active);
    } else if (event.key === 'Escape') {
      this.closeList();
    }
  }

  private pick(index: number) {
    const result = this.results[index];
    if (!result) return;
    this.input.value = result.kind === 'place' ? result.place.names.en : result.actor.names.en;
    this.closeList();
    this.onPick(result);
  }

  private closeList() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
