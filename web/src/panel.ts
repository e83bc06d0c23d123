import type { Actor, Api, Claim, Place, PlaceControl, Scope, Segment, TimelineEntry } from './api.js';
import type { Colours } from './colours.js';
import { instantText, longDate } from './dates.js';
import { byId, h, original, percent } from './dom.js';
import type { AdminUnit } from './mapLayer.js';

/**
 * The evidence panel of one place, as known at the view's cutoff: status, controller, shares,
 * grade; every claim about the place with its article, source, Admiralty grade and quote in the
 * original language (Arabic right-to-left in the bundled Noto Sans Arabic); each claim's
 * corrections, corroborations, disputes and retraction (marked when recorded after the
 * cutoff); claims of the place retracted by then; and the place's control history as a
 * small timeline. Escape or the close button hands focus back to where it came from.
 */
export interface PanelContext {
  readonly api: Api;
  readonly colours: Colours;
  readonly places: ReadonlyMap<string, Place>;
  readonly actors: ReadonlyMap<string, Actor>;
  unit(pcode: string | undefined): AdminUnit | undefined;
  /** Claim ids retracted somewhere in the log (from the knowledge slider's markers). */
  retractedClaimIds(): string[];
  onClose(): void;
}

const STATUS_TEXT = { unknown: 'Unknown', controlled: 'Controlled', contested: 'Contested' } as const;
const GRADE_HELP =
  'Admiralty grade: source reliability A (completely reliable) to F (cannot be judged), then information credibility 1 (confirmed) to 6 (cannot be judged)';

export class EvidencePanel {
  private readonly panel = byId<HTMLElement>('panel');
  private readonly body = byId<HTMLDivElement>('panel-body');
  private returnFocus: HTMLElement | null = null;
  private request = 0;
  private readonly claims = new Map<string, Promise<Claim | null>>();
  placeId: string | undefined;

  constructor(private readonly context: PanelContext) {
    byId('panel-close').addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
  }

  private actorName(id: string) {
    const actor = this.context.actors.get(id);
    if (!actor) return h('span', {}, id);
    const root = this.context.colours.rootOf(id);
    const rootName =
      root !== id ? (this.context.actors.get(root)?.names.variants[0] ?? this.context.actors.get(root)?.names.en) : undefined;
    return h(
      'span',
      { class: 'actor' },
      h('span', { class: 'swatch', style: `background:${this.context.colours.of(id)}`, 'aria-hidden': 'true' }),
      actor.names.en,
      rootName ? ` (${rootName})` : '',
      actor.names.ar ? ' ' : '',
      actor.names.ar ? original(actor.names.ar) : '',
    );
  }

  /** Forget cached claims (a new claim event may have changed one). */
  invalidate(claimId?: string) {
    if (claimId) this.claims.delete(claimId);
    else this.claims.clear();
  }

  private claim(id: string) {
    let known = this.claims.get(id);
    if (!known) {
      known = this.context.api.claim(id).catch(() => null);
      this.claims.set(id, known);
    }
    return known;
  }

  /** Open (or refresh) the panel for a place. */
  async show(placeId: string, control: PlaceControl | undefined, scope: Scope & { at: string }, focus = true) {
    const place = this.context.places.get(placeId);
    if (!place) return;
    const opening = this.placeId !== placeId || this.panel.hidden;
    this.placeId = placeId;
    if (opening && focus && document.activeElement instanceof HTMLElement && !this.panel.contains(document.activeElement))
      this.returnFocus = document.activeElement;
    const request = ++this.request;
    this.panel.hidden = false;
    this.panel.setAttribute('data-place', placeId);
    this.panel.setAttribute('aria-busy', 'true');
    const title = byId('panel-title');
    title.replaceChildren(place.names.en, place.names.ar ? ' ' : '', place.names.ar ? original(place.names.ar) : '');
    this.body.replaceChildren(this.header(place), this.status(control));
    if (opening && focus) title.focus();
    const [history, evidence] = await Promise.all([
      this.context.api.history(placeId, scope).catch(() => [] as Segment[]),
      this.context.api.evidence(placeId, scope).catch(() => [] as TimelineEntry[]),
    ]);
    if (request !== this.request) return;
    const details = await Promise.all(evidence.map((e) => this.claim(e.claimId)));
    const retracted = (await Promise.all(this.context.retractedClaimIds().map((id) => this.claim(id)))).filter(
      (c): c is Claim =>
        c !== null && c.current.placeId === placeId && c.retraction !== null && knownBy(c.retraction.position, scope),
    );
    if (request !== this.request) return;
    this.body.replaceChildren(
      this.header(place),
      this.status(control),
      this.history(history, scope.at),
      this.evidence(evidence, details, scope),
      retracted.length > 0 ? this.retracted(retracted, scope) : '',
    );
    this.panel.setAttribute('aria-busy', 'false');
  }

  close() {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    this.placeId = undefined;
    this.request++;
    this.context.onClose();
    this.returnFocus?.focus();
    this.returnFocus = null;
  }

  private header(place: Place) {
    const unit = this.context.unit(place.pcode);
    const parent = place.parentId ? this.context.places.get(place.parentId) : undefined;
    return h(
      'p',
      { class: 'meta' },
      place.kind,
      place.pcode ? ` · P-code ${place.pcode}` : ' · no P-code (drawn as a point)',
      unit ? ` (${unit.en ?? ''}` : '',
      unit?.ar ? ' ' : '',
      unit?.ar ? original(unit.ar) : '',
      unit ? ')' : '',
      parent ? ` · within ${parent.names.en}` : '',
    );
  }

  private status(control: PlaceControl | undefined) {
    const status = control?.status ?? 'unknown';
    const shares = [...(control?.shares ?? [])].sort((a, b) => b.share - a.share);
    return h(
      'section',
      { class: 'status', 'aria-label': 'Control state' },
      h(
        'dl',
        {},
        h('dt', {}, 'Status'),
        h('dd', { 'data-field': 'status', class: `badge ${status}` }, STATUS_TEXT[status]),
        h('dt', {}, 'Controller'),
        h(
          'dd',
          { 'data-field': 'controller' },
          control?.controller ? this.actorName(control.controller) : 'none (no actor holds more than half)',
        ),
        h('dt', {}, 'Grade'),
        h('dd', { 'data-field': 'grade', title: GRADE_HELP }, control?.grade ?? '—'),
        h('dt', {}, 'Last claim'),
        h('dd', {}, control?.lastClaimAt ? longDate(control.lastClaimAt) : '—'),
        control && control.unattributed > 1e-9 ? h('dt', {}, 'Unattributed') : '',
        control && control.unattributed > 1e-9 ? h('dd', {}, percent(control.unattributed)) : '',
      ),
      shares.length > 0
        ? h(
            'ul',
            { class: 'shares', 'aria-label': 'Shares' },
            ...shares.map((s) =>
              h(
                'li',
                { 'data-actor': s.actorId, 'data-share': String(s.share) },
                h('span', { class: 'bar', style: `width:${s.share * 100}%;background:${this.context.colours.of(s.actorId)}` }),
                this.actorName(s.actorId),
                h('strong', { class: 'share' }, ` ${percent(s.share)}`),
                h('span', { class: 'since' }, ` since ${s.since}`),
              ),
            ),
          )
        : h('p', { class: 'hint' }, 'No control-affecting claim is known for this place on this date.'),
    );
  }

  private history(segments: Segment[], at: string) {
    if (segments.length === 0)
      return h('section', { class: 'history' }, h('h3', {}, 'Control over time'), h('p', { class: 'hint' }, 'No history.'));
    return h(
      'section',
      { class: 'history' },
      h('h3', {}, 'Control over time'),
      h(
        'ol',
        { class: 'segments' },
        ...segments.map((s) => {
          const current = s.from <= at && (s.to === null || at < s.to);
          const top = [...s.shares].sort((a, b) => b.share - a.share);
          return h(
            'li',
            { class: `segment ${s.status}${current ? ' current' : ''}`, 'aria-current': current ? 'date' : undefined },
            h(
              'span',
              { class: 'strip', 'aria-hidden': 'true' },
              ...top.map((x) => h('span', { style: `flex:${x.share};background:${this.context.colours.of(x.actorId)}` })),
              h('span', { style: `flex:${Math.max(0, 1 - top.reduce((n, x) => n + x.share, 0))};background:#ddd` }),
            ),
            h('span', { class: 'when' }, `${s.from} → ${s.to ?? 'now'}`),
            ' ',
            STATUS_TEXT[s.status],
            top.length > 0 ? ': ' : '',
            ...top.flatMap((x, i) => [
              i > 0 ? ', ' : '',
              this.context.actors.get(x.actorId)?.names.en ?? x.actorId,
              ` ${percent(x.share)}`,
            ]),
          );
        }),
      ),
    );
  }

  private evidence(entries: TimelineEntry[], claims: (Claim | null)[], scope: Scope) {
    return h(
      'section',
      { class: 'evidence' },
      h('h3', {}, `Evidence: ${entries.length} claim${entries.length === 1 ? '' : 's'}`),
      entries.length === 0 ? h('p', { class: 'hint' }, 'No claim about this place is known at this moment.') : '',
      ...entries.map((e, i) => this.entry(e, claims[i] ?? null, scope)),
    );
  }

  private entry(e: TimelineEntry, claim: Claim | null, scope: Scope) {
    const source = this.context.actors; // actors' names for the claim's actors
    void source;
    return h(
      'article',
      { class: 'claim', 'data-claim': e.claimId },
      h(
        'header',
        {},
        h('span', { class: `kind ${e.kind}` }, e.kind),
        ` ${e.validTime.approximate ? 'about ' : ''}${e.validTime.date}`,
        e.share !== undefined ? ` · share ${percent(e.share)}` : '',
        h('span', { class: 'grade', title: GRADE_HELP }, e.grade ?? '—'),
      ),
      h(
        'p',
        { class: 'actors' },
        ...e.actorIds.flatMap((id, i) => [i > 0 ? ', ' : '', this.actorName(id)]),
        e.inFavourOf ? h('span', {}, ' in favour of ', this.actorName(e.inFavourOf)) : '',
      ),
      e.quote ? original(e.quote.text, e.quote.language, 'blockquote') : '',
      e.summary ? h('p', { class: 'summary' }, e.summary) : '',
      h(
        'p',
        { class: 'provenance' },
        'Article: ',
        e.article.url
          ? h(
              'a',
              { href: e.article.url, dir: 'auto', rel: 'noopener noreferrer', target: '_blank' },
              e.article.title ?? e.article.id,
            )
          : h('cite', { dir: 'auto' }, e.article.title ?? e.article.id),
        e.article.publishedAt ? ` (${e.article.publishedAt.slice(0, 10)})` : '',
        h('br'),
        'Source: ',
        e.source.name ?? e.source.id,
        e.source.reliability ? ` (reliability ${e.source.reliability})` : '',
        e.attributedTo ? ` · attributed to ${e.attributedTo}` : '',
        h('br'),
        `Recorded ${instantText(e.recordedAt)} at position ${e.position}`,
      ),
      claim ? this.followUps(claim, scope) : '',
    );
  }

  private followUps(claim: Claim, scope: Scope) {
    const later = (position: string) => (knownBy(position, scope) ? '' : ' — recorded after this moment, not applied');
    const items = [
      ...claim.corrections.map((c) =>
        h('li', { class: 'correction' }, `Corrected ${instantText(c.recordedAt)}: ${c.reason}${later(c.position)}`),
      ),
      ...claim.corroborations.map((c) =>
        h(
          'li',
          { class: 'corroboration' },
          `Corroborated by article ${c.articleId}${c.note ? `: ${c.note}` : ''}${later(c.position)}`,
        ),
      ),
      ...claim.disputes.map((d) =>
        h('li', { class: 'dispute' }, `Disputed ${instantText(d.recordedAt)}: ${d.reason}${later(d.position)}`),
      ),
      ...(claim.retraction
        ? [
            h(
              'li',
              { class: 'retraction' },
              `Retracted ${instantText(claim.retraction.recordedAt)}: ${claim.retraction.reason}${later(claim.retraction.position)}`,
            ),
          ]
        : []),
    ];
    return items.length > 0
      ? h('ul', { class: 'follow-ups', 'aria-label': 'Corrections, corroborations, disputes, retraction' }, ...items)
      : '';
  }

  private retracted(claims: Claim[], scope: Scope) {
    void scope;
    return h(
      'section',
      { class: 'retracted' },
      h('h3', {}, 'Retracted claims'),
      ...claims.map((c) =>
        h(
          'article',
          { class: 'claim retracted', 'data-claim': c.id },
          h('header', {}, h('span', { class: 'kind' }, c.kind), ` ${c.current.validTime.date} · retracted`),
          c.current.quote ? original(c.current.quote.text, c.current.quote.language, 'blockquote') : '',
          h('p', {}, `Retracted ${instantText(c.retraction!.recordedAt)}: ${c.retraction!.reason}`),
        ),
      ),
    );
  }
}

/** Whether an event at this position is within the view's knowledge cutoff. */
const knownBy = (position: string, scope: Scope) => (scope.asOf === undefined ? true : BigInt(position) <= BigInt(scope.asOf));
