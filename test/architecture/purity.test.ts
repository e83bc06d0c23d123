import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { impurityViolations, typeScriptFilesUnder } from './purity.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the domain is pure', () => {
  it('reads no clock and no randomness', () => {
    const files = typeScriptFilesUnder(ROOT, 'domain');
    expect(files).toContain('domain/events.ts');
    expect(files.flatMap((file) => impurityViolations(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });
});

describe('the clock-and-randomness rule', () => {
  it.each([
    ['const now = Date.now();', 'Date.now'],
    ['const today = new Date();', 'new Date'],
    ['const then = new Date(2018, 10, 13);', 'new Date'],
    ['const stamp = Date();', 'Date()'],
    ['const id = Math.random().toString(36);', 'Math.random'],
    ['const id = crypto.randomUUID();', 'crypto'],
    ['const id = globalThis.crypto.randomUUID();', 'crypto'],
    ['const t = performance.now();', 'performance.now'],
  ])('catches %s', (source, what) => {
    expect(impurityViolations('domain/x.ts', source)).toEqual([`domain/x.ts:1: uses ${what}`]);
  });

  it('ignores comments, strings and look-alike names', () => {
    const source = `
      // never call Date.now() or new Date() here
      const message = 'Math.random is not allowed';
      const updatedAt = command.data.recordedAt;
      const cryptocurrency = 'x';
      type D = DateLike;
    `;
    expect(impurityViolations('domain/x.ts', source)).toEqual([]);
  });
});
