import { h, original } from '../dom.js';
import { failureText } from '../failureText.js';
import type { Named, Registration, WriteAnswer } from './recordApi.js';

const PLACE_KINDS = ['town', 'village', 'city', 'neighbourhood', 'site', 'subdistrict', 'district', 'governorate'];
const ACTOR_KINDS = [
  'militia',
  'non_state_armed_group',
  'jihadist_group',
  'state_military',
  'state_security',
  'government',
  'political',
  'coalition',
  'other',
];

/** A lowercase slug from an English name: "Al-Baghuz Fawqani" → "al-baghuz-fawqani". */
export const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);

/**
 * "Register this place/actor?": a name the registry does not know, with an inline form (the
 * Arabic name as found, an English name, a kind, for a place its parent). Registering posts
 * to `/v1/places` or `/v1/actors`; the caller then asks for suggestions again.
 */
export const registrationItem = (
  r: Registration,
  places: Named[],
  register: (path: '/v1/places' | '/v1/actors', body: unknown) => Promise<WriteAnswer>,
): HTMLLIElement => {
  const type = h(
    'select',
    { 'data-field': 'type' },
    h('option', { value: 'place', selected: r.type !== 'actor' }, 'place'),
    h('option', { value: 'actor', selected: r.type === 'actor' }, 'actor'),
  );
  const english = h('input', { 'data-field': 'en', placeholder: 'English name', required: true });
  const kind = h('select', { 'data-field': 'kind' });
  const parent = h('select', { 'data-field': 'parentId' }, h('option', { value: '' }, '— no parent —'));
  for (const p of places) parent.append(h('option', { value: p.id }, p.names?.en ?? p.id));
  const fillKinds = () => {
    kind.replaceChildren(...(type.value === 'place' ? PLACE_KINDS : ACTOR_KINDS).map((k) => h('option', { value: k }, k)));
    parent.hidden = type.value !== 'place';
  };
  type.addEventListener('change', fillKinds);
  fillKinds();
  const status = h('span', { class: 'result', role: 'status' });
  const form = h('form', { class: 'register' }, type, english, kind, parent, h('button', { type: 'submit' }, 'Register'), status);
  const item = h('li', { 'data-registration': r.id, 'data-type': r.type }, original(r.name), ` (${r.type}) `, form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const en = english.value.trim();
    if (!en) return;
    const names = { en, ar: r.name, variants: [] };
    const id = slugOf(en);
    const body =
      type.value === 'place'
        ? { id, names, kind: kind.value, ...(parent.value ? { parentId: parent.value } : {}) }
        : { id, names, kind: kind.value };
    register(type.value === 'place' ? '/v1/places' : '/v1/actors', body).then(
      () => {
        item.dataset.state = 'registered';
      },
      (error: unknown) => {
        status.textContent = failureText(error);
      },
    );
  });
  return item;
};
