import { readdirSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

/**
 * The dependency rules of STYLE.md, checked on the syntax tree (so comments and strings
 * never count, and every import form does): `domain ← projections ← services`; the domain
 * reads no clock and no randomness.
 */

export type Layer = 'domain' | 'projections';

/** What each layer may import: packages by name, and relative files inside these folders. */
export const RULES: Record<Layer, { readonly packages: readonly string[]; readonly folders: readonly string[] }> = {
  domain: { packages: ['zod', 'uuid', 'modern-ahocorasick'], folders: ['domain'] },
  projections: { packages: ['zod'], folders: ['domain', 'projections'] },
};

const parse = (source: string): ts.SourceFile => ts.createSourceFile('file.ts', source, ts.ScriptTarget.Latest, true);

const walk = (node: ts.Node, visit: (node: ts.Node) => void): void => {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
};

const literal = (node: ts.Node | undefined): string | null =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;

/**
 * Every module a source file imports: static imports and re-exports (type-only ones too),
 * `import(…)` calls and types, `require(…)`, `import x = require(…)`. `null` stands for a
 * specifier computed at run time, which no rule can vouch for.
 */
export const importsOf = (source: string): (string | null)[] => {
  const found: (string | null)[] = [];
  walk(parse(source), (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      found.push(literal(node.moduleSpecifier));
    } else if (ts.isExternalModuleReference(node)) {
      found.push(literal(node.expression));
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      found.push(literal(node.argument.literal));
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) found.push(literal(node.arguments[0]));
    }
  });
  return found;
};

/** Why each import of `file` (a repo-relative path such as `domain/claims/decide.ts`) breaks its layer's rule. */
export const importViolations = (layer: Layer, file: string, source: string): string[] => {
  const { packages, folders } = RULES[layer];
  return importsOf(source).flatMap((specifier) => {
    if (specifier === null) return [`${file}: imports a computed specifier`];
    if (specifier.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      return folders.some((folder) => target.startsWith(`${folder}/`)) ? [] : [`${file}: imports ${specifier} (${target})`];
    }
    return packages.includes(specifier) ? [] : [`${file}: imports ${specifier}`];
  });
};

/** `Date.now`, `new Date`, `Date()`, `Math.random`, `performance.now`, and any use of `crypto`. */
const readsClockOrRandomness = (node: ts.Node): string | undefined => {
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    const call = `${node.expression.text}.${node.name.text}`;
    if (['Date.now', 'Math.random', 'performance.now'].includes(call)) return call;
  }
  if (
    (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'Date'
  ) {
    return ts.isNewExpression(node) ? 'new Date' : 'Date()';
  }
  if (ts.isIdentifier(node) && node.text === 'crypto') return 'crypto';
  return undefined;
};

/** Where `source` reads the clock or randomness: the domain gets time and ids on the command. */
export const impurityViolations = (file: string, source: string): string[] => {
  const found: string[] = [];
  const tree = parse(source);
  walk(tree, (node) => {
    const what = readsClockOrRandomness(node);
    if (what) found.push(`${file}:${tree.getLineAndCharacterOfPosition(node.getStart()).line + 1}: uses ${what}`);
  });
  return found;
};

/** The TypeScript files under a repo-relative folder, as repo-relative paths. */
export const typeScriptFilesUnder = (root: string, folder: string): string[] =>
  readdirSync(posix.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => posix.join(folder, path.split('\\').join('/')))
    .sort();
