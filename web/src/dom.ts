/** A small element builder: `h('p', { class: 'x' }, 'text', child)`. Strings become text nodes (never HTML). */
type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
};

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
};

/** Arabic (or other original-language) text: its own direction, the bundled Arabic font. */
export const original = (text: string, language = 'ar', tag: 'span' | 'blockquote' = 'span') =>
  h(tag, { lang: language, dir: language === 'ar' ? 'rtl' : 'auto', class: 'original' }, text);

export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
