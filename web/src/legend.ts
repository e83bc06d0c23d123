import L from 'leaflet';
import type { Actor, ControlAnswer } from './api.js';
import { type Colours, UNKNOWN } from './colours.js';
import { h, original } from './dom.js';

/**
 * The legend: one swatch per actor (by its root force) holding a share on the map now,
 * then the contested stripes, unknown grey, and which answer is drawn (everything claimed
 * or well-graded only).
 */
export class Legend extends L.Control {
  private readonly box = h('section', { class: 'legend', 'aria-label': 'Legend' });

  constructor(private readonly colours: Colours) {
    super({ position: 'bottomleft' });
  }

  override onAdd() {
    L.DomEvent.disableClickPropagation(this.box);
    L.DomEvent.disableScrollPropagation(this.box);
    return this.box;
  }

  update(answer: ControlAnswer, actors: ReadonlyMap<string, Actor>) {
    const roots = new Map<string, Set<string>>();
    for (const place of answer.places)
      for (const share of place.shares) {
        const root = this.colours.rootOf(share.actorId);
        roots.set(root, (roots.get(root) ?? new Set()).add(share.actorId));
      }
    const sorted = [...roots.keys()].sort((a, b) => (actors.get(a)?.names.en ?? a).localeCompare(actors.get(b)?.names.en ?? b));
    this.box.replaceChildren(
      h('h2', {}, 'Legend'),
      h(
        'ul',
        {},
        ...sorted.map((root) => {
          const actor = actors.get(root);
          const members = [...(roots.get(root) ?? [])].filter((id) => id !== root);
          return h(
            'li',
            { 'data-actor': root },
            h('span', { class: 'swatch', style: `background:${this.colours.of(root)}`, 'aria-hidden': 'true' }),
            actor?.names.variants.find((v) => /^[A-Z]{2,6}$/.test(v)) ?? actor?.names.en ?? root,
            actor?.names.ar ? ' ' : '',
            actor?.names.ar ? original(actor.names.ar) : '',
            members.length > 0 ? h('small', {}, ` incl. ${members.map((m) => actors.get(m)?.names.en ?? m).join(', ')}`) : '',
          );
        }),
        sorted.length === 0 ? h('li', { class: 'hint' }, 'No actor holds a share on this date') : '',
        h('li', {}, h('span', { class: 'swatch contested', 'aria-hidden': 'true' }), 'Contested: stripes by share'),
        h(
          'li',
          {},
          h('span', { class: 'swatch', style: `background:${UNKNOWN}`, 'aria-hidden': 'true' }),
          'Unknown: no claim known',
        ),
      ),
      h('p', { class: 'mode' }, answer.minGrade ? `Well-graded only (${answer.minGrade} or better)` : 'Everything claimed'),
    );
  }
}
