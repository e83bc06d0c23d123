/**
 * Sentences of running text as `[start, end)` offsets: split after `.` `!` `?` `؟` `؛` `…`
 * followed by a space or the end (so `80.5` and `U.S` stay whole) and at line breaks; a
 * title line is a sentence of its own. Empty stretches are skipped.
 */
export interface Sentence {
  readonly start: number;
  readonly end: number;
}

const BOUNDARY = /[.!?؟؛…]+(?=\s|$)|\n+/g;

export const splitSentences = (text: string): Sentence[] => {
  const sentences: Sentence[] = [];
  let from = 0;
  const push = (start: number, end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) sentences.push({ start: s, end: e });
  };
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + match[0].length;
    push(from, match[0].startsWith('\n') ? match.index : end);
    from = end;
  }
  push(from, text.length);
  return sentences;
};
