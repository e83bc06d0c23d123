import { figures } from '../figures/index.js';
import { task } from './child.js';
import type { FigureRow } from './types.js';

export interface FigureInput {
  readonly name: string;
  readonly quick: boolean;
  readonly workDir: string;
}

/** One figure, in its own process (so figures cannot disturb each other's memory or JIT state). */
task<FigureInput, FigureRow[]>(async ({ name, quick, workDir }) => {
  const figure = figures.find((f) => f.name === name);
  if (!figure) throw new Error(`no figure ${name}`);
  return figure.run({ quick, workDir, log: (message) => process.stderr.write(`  · ${message}\n`) });
});
