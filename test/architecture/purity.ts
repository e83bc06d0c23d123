import { readdirSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

/**
 * The rule of STYLE.md that no import graph can show: the domain reads no clock and no
 * randomness (time, ids and the principal arrive on the command). Checked on the syntax tree,
 * so comments and strings never count. Which modules each layer may import is
 * dependency-cruiser's job (`.dependency-cruiser.cjs`).
 */

const parse = (source: string): ts.SourceFile => ts.createSourceFile('file.ts', source, ts.ScriptTarget.Latest, true);

const walk = (node: ts.Node, visit: (node: ts.Node) => void): void => {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
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

/** Where `source` reads the clock or randomness, as `file:line: uses …`. */
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
