import type { ControlAnswer, Place } from './api.js';
import type { Colours } from './colours.js';
import { byId, h, original, percent } from './dom.js';

/**
 * The places with a known state, as a list of buttons: the keyboard and screen-reader way to
 * everything the map shows. Rendered only while open, so scrubbing a large ledger stays fast.
 */
export class PlaceList {
  private readonly details = byId<HTMLDetailsElement>('place-list');
  private readonly list = this.details.querySelector('ul')!;
  private readonly summary = this.details.querySelector('summary')!;
  private answer: ControlAnswer | undefined;

  constructor(
    private readonly places: ReadonlyMap<string, Place>,
    private readonly colours: Colours,
    private readonly onSelect: (placeId: string) => void,
  ) {
    this.details.addEventListener('toggle', () => this.render());
  }

  update(answer: ControlAnswer) {
    this.answer = answer;
    this.summary.textContent = `Places with a known state: ${answer.places.filter((p) => p.status !== 'unknown').length}`;
    if (this.details.open) this.render();
  }

  private render() {
    if (!this.details.open || !this.answer) return;
    const rows = this.answer.places
      .filter((p) => p.status !== 'unknown')
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, 500);
    this.list.replaceChildren(
      ...rows.map((p) => {
        const place = this.places.get(p.placeId);
        const top = [...p.shares].sort((a, b) => b.share - a.share)[0];
        return h(
          'li',
          {},
          h(
            'button',
            { type: 'button', 'data-place': p.placeId, 'data-status': p.status, onclick: () => this.onSelect(p.placeId) },
            h('span', {
              class: 'swatch',
              style: `background:${this.colours.fillOf(p).replace(/^url.*/, '#777')}`,
              'aria-hidden': 'true',
            }),
            p.name,
            place?.names.ar ? ' ' : '',
            place?.names.ar ? original(place.names.ar) : '',
            ` — ${p.status}${top ? `, ${percent(top.share)} ${top.actorId}` : ''}`,
          ),
        );
      }),
    );
  }
}
