import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules (`.dependency-cruiser.cjs`, run in CI as `npm run lint:deps`): the tree
 * keeps them, and every rule is reported when broken — on a fixture tree that breaks each
 * once, beside imports the rules allow.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'dependencyRules');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

/** Run depcruise as CI does, in `cwd`, on the three layers; its violations. */
const violationsIn = async (cwd: string): Promise<Violation[]> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [DEPCRUISE, 'domain', 'projections', 'services', '--config', CONFIG, '--output-type', 'json'],
    { cwd, maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  expect(result.summary.totalCruised).toBeGreaterThan(0);
  return result.summary.violations;
};

const ruleNames = (createRequire(import.meta.url)(CONFIG) as { forbidden: { name: string }[] }).forbidden.map((r) => r.name);

describe('the dependency rules', () => {
  it('hold in the code: domain ← projections ← services, http → commands | queries → readmodels | eventstore, no cycles', async () => {
    expect((await violationsIn(ROOT)).map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`)).toEqual([]);
  });

  it('are each reported when broken, and allow what the layers may import', async () => {
    const found = (await violationsIn(FIXTURE)).map(({ rule, from }) => [rule.name, from]);
    expect(found.sort()).toEqual(
      [
        ['commands-and-queries-apart', 'services/commands/usesQueries.ts'],
        ['commands-queries-not-to-http', 'services/commands/usesHttp.ts'],
        ['domain-imports-only-domain', 'domain/usesServices.ts'],
        ['domain-no-node-builtins', 'domain/readsFiles.ts'],
        ['domain-only-pure-packages', 'domain/usesFastify.ts'],
        ['eventstore-not-to-readmodels', 'services/eventstore/usesReadModels.ts'],
        ['no-circular', 'domain/cycleA.ts'],
        ['not-to-dev-dependency', 'services/usesDevDependency.ts'],
        ['not-to-unresolvable', 'services/usesMissing.ts'],
        ['only-http-imports-http', 'services/feeds/usesHttp.ts'],
        ['projections-import-only-domain', 'projections/usesServices.ts'],
        ['routes-not-to-routes', 'services/http/routes/first.ts'],
        ['stores-and-read-models-below-the-application', 'services/readmodels/usesCommands.ts'],
      ].sort(),
    );
    // A rule without a broken import in the fixture would be untested.
    expect(new Set(found.map(([rule]) => rule))).toEqual(new Set(ruleNames));
  });
});
