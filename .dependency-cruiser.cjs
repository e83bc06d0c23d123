// @ts-check
/**
 * The dependency rules of STYLE.md ("Direction of dependencies") and issue 10, checked by
 * dependency-cruiser over `domain/`, `projections/` and `services/` (`npm run lint:deps`):
 *
 *   domain ← projections ← services
 *   inside services: http → commands | queries → readmodels | eventstore, and no cycles.
 *
 * Type-only imports count too (`tsPreCompilationDeps`): a type names what a layer knows about.
 * `test/architecture/dependencies.test.ts` runs this on the tree (no violations) and on a fixture
 * tree that breaks every rule once (each is reported). Rules match paths relative to the folder
 * depcruise runs in (the repository root, or the fixture's root).
 */
const path = require('node:path');

/** Anything installed: matched by path, so it holds whether or not a package.json lists it. */
const PACKAGE = '(^|/)node_modules/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be understood, tested or moved alone. Invert one dependency.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to no file: a typo, or a package missing from package.json.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment: 'The domain is the innermost layer: it knows nothing of projections or services.',
      from: { path: '^domain/' },
      to: { path: '^(projections|services|test|bench)/' },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      comment:
        'The domain does no I/O (node:fs, node:net, node:http, …) and reads no clock or randomness (node:crypto): ' +
        'time, ids and the principal arrive on the command.',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-only-pure-packages',
      severity: 'error',
      comment:
        'The domain may use zod (schemas), uuid (name-based ids) and modern-ahocorasick (multi-pattern matching for claim suggestions); no runtime package that does I/O ' +
        '(better-sqlite3, @kurrent/*, pg, fastify, pino, …). An allowlist, so a new package is a decision.',
      from: { path: '^domain/' },
      to: { path: PACKAGE, pathNot: `${PACKAGE}(zod|uuid|modern-ahocorasick)/` },
    },
    {
      name: 'projections-import-only-domain',
      severity: 'error',
      comment: 'A projection is a pure fold over domain events: it imports the domain, zod, and other projections only.',
      from: { path: '^projections/' },
      to: { pathNot: `^(domain|projections)/|${PACKAGE}zod/` },
    },
    {
      name: 'commands-queries-not-to-http',
      severity: 'error',
      comment:
        'The application layer takes and returns plain data and throws ApplicationError; HTTP is one of its callers ' +
        '(the CLI and loaders are others), so it never imports HTTP.',
      from: { path: '^services/(commands|queries)/' },
      to: { path: '^services/http/' },
    },
    {
      name: 'commands-and-queries-apart',
      severity: 'error',
      comment: 'Writes and reads are siblings: what both need lives below them (readmodels, eventstore, projections).',
      from: { path: '^services/(commands|queries)/' },
      to: { path: '^services/(commands|queries)/', pathNot: '^services/$1/' },
    },
    {
      name: 'stores-and-read-models-below-the-application',
      severity: 'error',
      comment: 'The event store and the read models are below commands and queries, and know nothing of HTTP.',
      from: { path: '^services/(readmodels|eventstore)/' },
      to: { path: '^services/(http|commands|queries|feeds|webhooks|demo|cli)/' },
    },
    {
      name: 'eventstore-not-to-readmodels',
      severity: 'error',
      comment: 'Read models follow the store; the store does not know them.',
      from: { path: '^services/eventstore/' },
      to: { path: '^services/readmodels/' },
    },
    {
      name: 'only-http-imports-http',
      severity: 'error',
      comment:
        'Feeds, webhooks, the demo loader and the CLI reach the ledger through commands, queries or the store port, ' +
        'never through the HTTP layer (which would be an upward import).',
      from: { path: '^services/(feeds|webhooks|demo|cli)/' },
      to: { path: '^services/http/' },
    },
    {
      name: 'routes-not-to-routes',
      severity: 'error',
      comment: 'A route file parses, calls one command or query, and renders: what two routes share lives in services/http/.',
      from: { path: '^services/http/routes/' },
      to: { path: '^services/http/routes/' },
    },
    {
      name: 'not-to-dev-dependency',
      severity: 'error',
      comment: 'Production code cannot use a devDependency: `npm ci --omit=dev` (the image) would not install it.',
      from: { path: '^(domain|projections|services)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: `${PACKAGE}@types/` },
    },
  ],
  options: {
    doNotFollow: { path: PACKAGE },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    // ESM TypeScript imports name the emitted `.js` file: depcruise resolves it to the `.ts`
    // beside it (as tsc does under NodeNext). Packages resolve through their `exports`.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
