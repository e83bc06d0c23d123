import { execFile } from 'node:child_process';
import { cp, readdir, readFile, stat, symlink } from 'node:fs/promises';
import { join, posix, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../../services/http/routes/pages.js';
import { WEB_OUT } from '../../web/build.js';
import { tempDir } from '../support/ledger.js';

/**
 * The Dockerfile checked without a Docker engine (none runs on the development machines):
 * the runtime stage serves the map page, built in a stage of its own with the development
 * dependencies the runtime leaves out, and that stage's commands, run on exactly the files it
 * copies from the build context, build the page. Before, the runtime image held no page and
 * `/` answered 503 `page_not_built`.
 */
const root = join(import.meta.dirname, '..', '..');

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}
interface Stage {
  readonly name: string;
  readonly instructions: Instruction[];
}

/** Stages and their instructions: continuation lines joined, comments and blank lines dropped. */
const parseDockerfile = (text: string): Stage[] => {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  const stages: Stage[] = [];
  for (const line of logical.filter(Boolean)) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      stages.push({ name: /\sAS\s+(\S+)$/i.exec(line)?.[1] ?? String(stages.length), instructions: [] });
    } else if (stages.length > 0) {
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
};

/** Where a stage's relative path lands: resolved against the WORKDIR in force at instruction `index`. */
const absoluteIn = (stage: Stage, index: number, path: string) => {
  const workdir = stage.instructions.slice(0, index).findLast((i) => i.keyword === 'WORKDIR')?.args ?? '/';
  return posix.resolve(workdir, path);
};

const stages = parseDockerfile(await readFile(join(root, 'Dockerfile'), 'utf8'));
const runtime = stages.at(-1)!;
const stageNamed = (name: string) => stages.find((s) => s.name === name);

/** The runtime's `COPY --from=<stage> <src> <dest>` whose destination is where the service reads the page. */
const pageCopy = () => {
  // The service reads the page at dist/web beside services/ (pages.ts), so in the image at
  // <where services/ is copied>/../dist/web.
  const servicesAt = runtime.instructions.findIndex((i) => i.keyword === 'COPY' && /^services\s/.test(i.args));
  const servicesDir = absoluteIn(runtime, servicesAt, runtime.instructions[servicesAt]!.args.split(/\s+/)[1]!);
  const served = posix.join(posix.dirname(servicesDir), relative(root, WEB_ROOT).split('\\').join('/'));
  const index = runtime.instructions.findIndex((i) => {
    const parts = i.args.split(/\s+/);
    return (
      i.keyword === 'COPY' &&
      parts[0]?.startsWith('--from=') &&
      absoluteIn(runtime, runtime.instructions.indexOf(i), parts.at(-1)!) === served
    );
  });
  if (index === -1) return undefined;
  const [from, source] = runtime.instructions[index]!.args.split(/\s+/);
  return { stage: stageNamed(from!.slice('--from='.length)), source: source! };
};

const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);

/** `.dockerignore` patterns as the builder reads them (Go filepath.Match, plus `**`), relative to the context. */
const ignored = async () => {
  const patterns = (await readFile(join(root, '.dockerignore'), 'utf8'))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const regexes = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*\//g, '\u0000')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')
          .replaceAll('\u0000', '(?:.*/)?')}$`,
      ),
  );
  // A path is left out when it, or a folder it is in, matches.
  return (path: string) => {
    const parts = path.split('/');
    return parts.some((_, i) => regexes.some((r) => r.test(parts.slice(0, i + 1).join('/'))));
  };
};

const filesUnder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(`${dir}/${e.name}`) : Promise.resolve([`${dir}/${e.name}`]))),
  );
  return nested.flat();
};

describe('Dockerfile', () => {
  it('copies the map page into the runtime image, where the service serves it, from a stage that built it', () => {
    const copy = pageCopy();
    expect(copy, 'COPY --from=<stage> … of dist/web in the runtime stage').toBeDefined();
    const web = copy!.stage!;
    expect(web, 'the stage it copies from').toBeDefined();
    expect(web).not.toBe(runtime);
    // What it copies is what the build writes, in that stage.
    const built = web.instructions.findIndex((i) => i.keyword === 'RUN' && /\bbuild\/all\.ts\b/.test(i.args));
    expect(built, 'RUN … build/all.ts').toBeGreaterThan(-1);
    expect(copy!.source).toBe(absoluteIn(web, built, relative(root, WEB_OUT).split('\\').join('/')));
    // The build runs after the dependencies, development ones included, and the sources are in.
    const install = web.instructions.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    expect(install).toBeGreaterThan(-1);
    expect(install).toBeLessThan(built);
    expect(web.instructions[install]!.args).not.toMatch(/--omit=dev|--production|--only=prod/);
    const sources = web.instructions.findIndex((i) => i.keyword === 'COPY' && /^web\s/.test(i.args));
    expect(sources).toBeGreaterThan(-1);
    expect(sources).toBeLessThan(built);
  });

  it('keeps the runtime on production dependencies only: the page is built elsewhere, esbuild never installed there', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    // Why the page needs a stage of its own: its bundler is a development dependency.
    expect(Object.keys(pkg.devDependencies)).toContain('esbuild');
    expect(Object.keys(pkg.dependencies)).not.toContain('esbuild');
    const modules = runtime.instructions.find((i) => i.keyword === 'COPY' && /\snode_modules\s|\.\/node_modules$/.test(i.args));
    const deps = stageNamed(modules!.args.split(/\s+/)[0]!.slice('--from='.length))!;
    expect(runs(deps).filter((r) => /\bnpm ci\b/.test(r))).toEqual([expect.stringContaining('--omit=dev')]);
    expect(runs(runtime).filter((r) => /npm ci|npm install|build\.ts|npx/.test(r))).toEqual([]);
  });

  it("builds the page from exactly what the web stage copies from the build context, running that stage's commands", async () => {
    const copy = pageCopy()!;
    const web = copy.stage!;
    const leftOut = await ignored();
    const { dir, cleanup } = await tempDir('sijill-docker-web-');
    try {
      // The context as the builder sends it (.dockerignore applied), copied as the stage copies it.
      // The stage's RUNs work in its last WORKDIR: that is the temporary folder here.
      const workdir = absoluteIn(web, web.instructions.length, '.');
      for (const instruction of web.instructions.filter((i) => i.keyword === 'COPY')) {
        expect(instruction.args, 'a COPY of the build context').not.toMatch(/^--from=/);
      }
      for (const [index, instruction] of web.instructions.entries()) {
        if (instruction.keyword !== 'COPY') continue;
        const parts = instruction.args.split(/\s+/);
        const target = absoluteIn(web, index, parts.at(-1)!);
        for (const source of parts.slice(0, -1)) {
          const info = await stat(join(root, source));
          const files = info.isDirectory() ? await filesUnder(source) : [source];
          expect(files.filter(leftOut), `${source}: left out by .dockerignore`).toEqual([]);
          // COPY a b/ puts a into b; a directory's contents go to the target itself.
          const into = parts.at(-1)!.endsWith('/') && !info.isDirectory() ? posix.join(target, posix.basename(source)) : target;
          await cp(join(root, source), join(dir, posix.relative(workdir, into)), { recursive: true });
        }
      }
      // `npm ci` in the stage: here, the installed dependencies (the same lockfile).
      const commands = runs(web);
      expect(commands[0]).toMatch(/^npm ci\b/);
      await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
      for (const command of commands.slice(1)) {
        await promisify(execFile)('sh', ['-c', command], { cwd: dir, env: { ...process.env, npm_config_yes: 'false' } });
      }
      const html = await readFile(join(dir, 'dist', 'web', 'index.html'), 'utf8');
      const assets = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]!);
      expect(assets.map((a) => a.replace(/-[A-Za-z0-9]+\./, '-*.')).sort()).toEqual(
        ['main-*.css', 'main-*.js', 'syria-admin-*.topo.json'].sort(),
      );
      for (const asset of assets) expect((await stat(join(dir, 'dist', 'web', 'assets', asset))).size).toBeGreaterThan(0);
      // The same stage bundles the service; the runtime copies the bundle and runs it.
      expect((await stat(join(dir, 'dist', 'service', 'main.mjs'))).size).toBeGreaterThan(0);
      expect((await stat(join(dir, 'dist', 'service', 'planWorker.mjs'))).size).toBeGreaterThan(0);
      const bundleCopy = runtime.instructions.find(
        (i) => i.keyword === 'COPY' && i.args.startsWith(`--from=${web.name} `) && /dist\/service\b/.test(i.args),
      );
      expect(bundleCopy?.args.split(/\s+/).slice(1)).toEqual(['/app/dist/service', './dist/service']);
      const cmd = runtime.instructions.find((i) => i.keyword === 'CMD');
      expect(JSON.parse(cmd!.args)).toEqual(['node', 'dist/service/main.mjs']);
    } finally {
      await cleanup();
    }
  });
});
