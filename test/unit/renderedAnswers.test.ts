import { describe, expect, it } from 'vitest';
import { RenderedAnswers } from '../../services/http/renderedAnswers.js';

const counting = () => {
  const calls: string[] = [];
  return {
    calls,
    render: (text: string) => () => {
      calls.push(text);
      return text;
    },
  };
};

describe('RenderedAnswers', () => {
  it('renders a key once per read-model position and state, and again once either moves', () => {
    const answers = new RenderedAnswers();
    const { calls, render } = counting();
    const state = {};
    expect(answers.body(5n, state, 'a', render('A5')).toString()).toBe('A5');
    expect(answers.body(5n, state, 'a', render('not asked')).toString()).toBe('A5');
    expect(answers.body(5n, state, 'b', render('B5')).toString()).toBe('B5');
    // An event applied: every kept answer is gone.
    expect(answers.body(6n, state, 'a', render('A6')).toString()).toBe('A6');
    expect(answers.body(6n, state, 'b', render('B6')).toString()).toBe('B6');
    // Another state at the same position (a promoted rebuild): gone too.
    expect(answers.body(6n, {}, 'a', render('A6 rebuilt')).toString()).toBe('A6 rebuilt');
    expect(calls).toEqual(['A5', 'B5', 'A6', 'B6', 'A6 rebuilt']);
  });

  it('keeps nothing when rendering throws (an answer that is an error is asked again)', () => {
    const answers = new RenderedAnswers();
    const state = {};
    expect(() =>
      answers.body(1n, state, 'a', () => {
        throw new Error('not_found');
      }),
    ).toThrow('not_found');
    expect(answers.body(1n, state, 'a', () => 'found').toString()).toBe('found');
  });

  it('drops the least recently used beyond its bytes, and never keeps an answer over a quarter of them', () => {
    const answers = new RenderedAnswers(40);
    const { calls, render } = counting();
    const state = {};
    answers.body(1n, state, 'a', render('a'.repeat(10)));
    answers.body(1n, state, 'b', render('b'.repeat(10)));
    answers.body(1n, state, 'c', render('c'.repeat(10)));
    answers.body(1n, state, 'a', render('not asked')); // a is now the most recently used
    answers.body(1n, state, 'd', render('d'.repeat(10)));
    answers.body(1n, state, 'e', render('e'.repeat(10))); // 50 bytes: b, the least recently used, goes
    answers.body(1n, state, 'a', render('not asked'));
    answers.body(1n, state, 'b', render('b'.repeat(10)));
    answers.body(1n, state, 'big', render('x'.repeat(11)));
    answers.body(1n, state, 'big', render('x'.repeat(11)));
    expect(calls.map((c) => c[0])).toEqual(['a', 'b', 'c', 'd', 'e', 'b', 'x', 'x']);
  });

  it('answers UTF-8 bytes', () => {
    expect(new RenderedAnswers().body(1n, {}, 'k', () => '{"name":"السوسة"}')).toEqual(Buffer.from('{"name":"السوسة"}', 'utf8'));
  });
});
