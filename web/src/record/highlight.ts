import { h } from '../dom.js';
import type { Span, Suggestions } from './recordApi.js';

/**
 * The article text with what the suggestions found marked in it: registry names (places,
 * actors, sources), trigger words, and unknown names. Marks never nest: where spans overlap,
 * the earlier-starting one wins. Text is inserted as text nodes, never as HTML. The element's
 * direction follows the text's language (right-to-left for Arabic).
 */
interface Mark {
  readonly span: Span;
  readonly className: string;
  readonly data: Record<string, string>;
}

export const marksOf = (s: Suggestions): Mark[] => [
  ...s.mentions.map((m) => ({ span: m.span, className: `mention ${m.type}`, data: { entity: m.id } })),
  ...s.claims.flatMap((c) =>
    ((c.evidence.kind as Span[] | undefined) ?? []).map((span) => ({ span, className: 'trigger', data: { suggestion: c.id } })),
  ),
  ...s.registrations.map((r) => ({ span: r.span, className: 'unknown', data: { registration: r.id } })),
];

export const renderHighlighted = (container: HTMLElement, text: string, s: Suggestions): void => {
  const marks = marksOf(s).toSorted((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  container.replaceChildren();
  container.setAttribute('dir', s.language === 'ar' ? 'rtl' : 'ltr');
  container.setAttribute('lang', s.language);
  let at = 0;
  for (const mark of marks) {
    if (mark.span.start < at) continue;
    container.append(text.slice(at, mark.span.start));
    const data = Object.fromEntries(Object.entries(mark.data).map(([k, v]) => [`data-${k}`, v]));
    container.append(
      h(
        'mark',
        { class: mark.className, 'data-start': mark.span.start, 'data-end': mark.span.end, ...data },
        text.slice(mark.span.start, mark.span.end),
      ),
    );
    at = mark.span.end;
  }
  container.append(text.slice(at));
};

/** Mark the spans of one suggestion's evidence as active (the others lose it). */
export const showEvidence = (container: HTMLElement, spans: readonly Span[]): void => {
  for (const mark of container.querySelectorAll('mark')) {
    const start = Number(mark.dataset.start);
    const end = Number(mark.dataset.end);
    mark.classList.toggle(
      'active',
      spans.some((s) => s.start < end && start < s.end),
    );
  }
};
