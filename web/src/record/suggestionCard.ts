import { h, original, percent } from '../dom.js';
import type { ClaimBody, ClaimSuggestion, Named, Span } from './recordApi.js';

const KINDS = [
  'control',
  'withdrawal',
  'meeting',
  'visit',
  'deployment',
  'presence',
  'attack',
  'airstrike',
  'killing',
  'arrest',
  'statement',
  'other',
];

export interface Registry {
  readonly places: Named[];
  readonly actors: Named[];
  readonly sources: Named[];
}

const label = (n: Named) => {
  const names = n.names ?? n.name;
  return names ? `${names.en}${names.ar ? ` — ${names.ar}` : ''}` : n.id;
};

const select = (name: string, options: Named[], value: string | undefined, empty: string) =>
  h(
    'select',
    { name, 'data-field': name },
    h('option', { value: '', selected: value === undefined }, empty),
    ...options.map((o) => h('option', { value: o.id, selected: o.id === value }, label(o))),
  );

export interface Card {
  readonly element: HTMLLIElement;
  /** The claim as the analyst edited it, ready for `POST /v1/claims`; a message when it cannot be. */
  body(): ClaimBody | string;
  accepted(claimId: string): void;
}

/**
 * One suggested claim as an editable form: kind, place, actors, share, in favour of, date,
 * credibility and attribution, prefilled from the suggestion; its confidence, rule, missing
 * fields and quote shown. Accepting posts what the form holds, with the suggestion's
 * provenance, to `POST /v1/claims` (done by the caller).
 */
export const suggestionCard = (
  s: ClaimSuggestion,
  context: { articleId: string; textSha256: string; registry: Registry },
  onFocus: (spans: Span[]) => void,
): Card => {
  const { registry } = context;
  const field = <T extends HTMLElement>(element: T, text: string) => h('label', { class: 'field' }, h('span', {}, text), element);
  const kind = h(
    'select',
    { name: 'kind', 'data-field': 'kind' },
    ...KINDS.map((k) => h('option', { value: k, selected: k === s.kind }, k)),
  );
  const place = select('placeId', registry.places, s.placeId, '— choose a place —');
  const actors = h('select', { name: 'actorIds', 'data-field': 'actorIds', multiple: true, size: 4 });
  for (const a of registry.actors) actors.append(h('option', { value: a.id, selected: s.actorIds.includes(a.id) }, label(a)));
  const share = h('input', {
    name: 'share',
    'data-field': 'share',
    type: 'number',
    min: '0',
    max: '1',
    step: '0.01',
    value: s.share ?? '',
  });
  const inFavourOf = select('inFavourOf', registry.actors, s.inFavourOf, '— nobody —');
  const date = h('input', {
    name: 'date',
    'data-field': 'date',
    value: s.validTime?.date ?? '',
    pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?',
  });
  const approximate = h('input', {
    type: 'checkbox',
    name: 'approximate',
    'data-field': 'approximate',
    checked: s.validTime?.approximate ?? false,
  });
  const credibility = h(
    'select',
    { name: 'credibility', 'data-field': 'credibility' },
    ...[1, 2, 3, 4, 5, 6].map((c) => h('option', { value: String(c), selected: c === s.credibility }, String(c))),
  );
  const attributedTo = select('attributedTo', registry.sources, s.attributedTo, '— the article itself —');
  const accept = h('button', { type: 'button', class: 'accept' }, 'Accept');
  const result = h('p', { class: 'result', role: 'status' });
  const spans = Object.values(s.evidence).flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
  const element = h(
    'li',
    {
      class: 'suggestion',
      'data-id': s.id,
      'data-kind': s.kind,
      'data-state': 'suggested',
      tabindex: '0',
      onfocusin: () => onFocus(spans),
      onmouseenter: () => onFocus(spans),
    },
    h(
      'div',
      { class: 'suggestion-meta' },
      h('strong', {}, s.kind),
      h('span', { class: 'confidence', 'data-confidence': s.confidence }, ` confidence ${percent(s.confidence)}`),
      h('code', { class: 'rule' }, s.rule),
      s.missing.length > 0 ? h('span', { class: 'missing' }, `missing: ${s.missing.join(', ')}`) : null,
    ),
    original(s.quote.text, s.quote.language, 'blockquote'),
    h(
      'div',
      { class: 'fields' },
      field(kind, 'Kind'),
      field(place, 'Place'),
      field(actors, 'Actors'),
      field(share, 'Share (0–1)'),
      field(inFavourOf, 'In favour of'),
      field(date, 'Valid date'),
      field(approximate, 'Approximate'),
      field(credibility, 'Credibility'),
      field(attributedTo, 'Attributed to'),
    ),
    accept,
    result,
  );
  const body = (): ClaimBody | string => {
    if (!place.value) return 'choose a place first';
    const chosenActors = [...actors.selectedOptions].map((o) => o.value);
    const shareValue = share.value === '' ? undefined : Number(share.value);
    return {
      ...(s.claim?.id ? { id: s.claim.id } : {}),
      articleId: context.articleId,
      kind: kind.value,
      placeId: place.value,
      actorIds: chosenActors,
      ...(kind.value === 'control' && shareValue !== undefined ? { share: shareValue } : {}),
      ...(kind.value === 'withdrawal' && inFavourOf.value ? { inFavourOf: inFavourOf.value } : {}),
      validTime: { date: date.value, approximate: approximate.checked },
      credibility: Number(credibility.value),
      quote: s.quote.text.length <= 500 ? s.quote : { ...s.quote, text: s.quote.text.slice(0, 500) },
      ...(attributedTo.value ? { attributedTo: attributedTo.value } : {}),
      provenance: { kind: 'suggestion', suggestionId: s.id, textSha256: context.textSha256, rule: s.rule },
    };
  };
  return {
    element,
    body,
    accepted(claimId) {
      element.dataset.state = 'accepted';
      element.dataset.claim = claimId;
      accept.disabled = true;
      result.textContent = `Recorded as claim ${claimId}`;
    },
  };
};

export const shareText = (share: number | undefined) => (share === undefined ? '' : percent(share));
