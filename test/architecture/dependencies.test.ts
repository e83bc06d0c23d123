import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, importViolations, impurityViolations, type Layer, typeScriptFilesUnder } from './dependencyRules.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const filesOf = (layer: Layer) => (existsSync(join(ROOT, layer)) ? typeScriptFilesUnder(ROOT, layer) : []);

describe('the dependency rules hold in the code', () => {
  it('the domain has files to check', () => {
    expect(filesOf('domain')).toContain('domain/events.ts');
  });

  it.each(['domain', 'projections'] as const)('%s imports only what its layer may', (layer) => {
    expect(filesOf(layer).flatMap((file) => importViolations(layer, file, read(file)))).toEqual([]);
  });

  it('the domain reads no clock and no randomness', () => {
    expect(filesOf('domain').flatMap((file) => impurityViolations(file, read(file)))).toEqual([]);
  });
});

describe('the import scanner', () => {
  it('finds every import form, and only code (not comments or strings)', () => {
    const source = `
      import { z } from 'zod';
      import type { Pino } from "pino";
      import './side-effect.js';
      import {
        a,
        type B,
      } from '../multi/line.js';
      export { x } from './re-export.js';
      export * from 'node:fs';
      import fs = require('fs');
      const lazy = await import('fastify');
      const computed = await import(name);
      type T = import('better-sqlite3').Database;
      const legacy = require('pg');
      // import { hidden } from 'in-a-comment';
      const text = "import x from 'in-a-string'";
    `;
    expect(importsOf(source)).toEqual([
      'zod',
      'pino',
      './side-effect.js',
      '../multi/line.js',
      './re-export.js',
      'node:fs',
      'fs',
      'fastify',
      null,
      'better-sqlite3',
      'pg',
    ]);
  });
});

describe('the domain rule', () => {
  const check = (source: string) => importViolations('domain', 'domain/claims/decide.ts', source);

  it.each([
    "import { z } from 'zod';",
    "import { v5 } from 'uuid';",
    "import { DomainError } from '../errors.js';",
    "import { assertClaimShape } from './shape.js';",
  ])('allows %s', (source) => {
    expect(check(source)).toEqual([]);
  });

  it.each([
    ["import { readFileSync } from 'node:fs';", 'a node builtin'],
    ["import { randomUUID } from 'crypto';", 'a bare builtin'],
    ["import Fastify from 'fastify';", 'the web framework'],
    ["import type { Database } from 'better-sqlite3';", 'a type-only import of the database'],
    ["const pino = await import('pino');", 'a dynamic import'],
    ["import { execute } from '../../services/commands/execute.js';", 'services'],
    ["import { control } from '../../projections/control.js';", 'projections'],
    ["import { v5 } from 'uuid/dist/v5.js';", 'a deep path into an allowed package'],
    ["const m = await import('./' + name + '.js');", 'a computed specifier'],
  ])('forbids %s (%s)', (source) => {
    expect(check(source)).toHaveLength(1);
  });
});

describe('the projections rule', () => {
  const check = (source: string) => importViolations('projections', 'projections/control.ts', source);

  it.each([
    "import type { DomainEvent } from '../domain/events.js';",
    "import type { Envelope } from './envelope.js';",
    "import { z } from 'zod';",
  ])('allows %s', (source) => {
    expect(check(source)).toEqual([]);
  });

  it.each([
    "import { v5 } from 'uuid';",
    "import { SqliteStore } from '../services/eventstore/sqlite/store.js';",
    "import { readFileSync } from 'node:fs';",
    "import { builders } from '../test/support/builders.js';",
  ])('forbids %s', (source) => {
    expect(check(source)).toHaveLength(1);
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
