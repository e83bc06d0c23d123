import { describe, expect, it } from 'vitest';
import type { ArticleCommand } from '../../domain/articles/commands.js';
import { articleDecider } from '../../domain/articles/decider.js';
import { type Case, check } from './support/scenario.js';
import { article, articleRecorded } from './support/workedExample.js';

const record = (over: Partial<typeof article> = {}): ArticleCommand => ({ type: 'RecordArticle', data: { ...article, ...over } });

const cases: Case<ArticleCommand>[] = [
  { name: 'recording an article of an existing source', when: record(), emits: [articleRecorded] },
  {
    name: 'the source must exist',
    when: record(),
    existing: [],
    fails: { code: 'unknown_reference', fields: ['sourceId'], message: /source-al-quds-al-arabi/ },
  },
  { name: 'an identical repeat has nothing to do', given: [articleRecorded], when: record(), emits: [] },
  {
    name: 'an identical repeat needs no reference check: it changes nothing',
    given: [articleRecorded],
    when: record(),
    existing: [],
    emits: [],
  },
  {
    name: 'recording the id again with another title is a conflict',
    given: [articleRecorded],
    when: record({ title: 'another title' }),
    fails: { code: 'already_exists', fields: ['title'] },
  },
];

describe('article decider', () => {
  it.each(cases)('$name', (c) => check(articleDecider, c));

  it('references its source', () => {
    expect(articleDecider.references(record())).toEqual(['source-al-quds-al-arabi']);
  });
});
