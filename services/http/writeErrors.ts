import { ProblemSchema } from './problem.js';

/** The problems every write may answer, for its OpenAPI responses (statuses from `problem.ts`). */
export const writeErrors = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 412: ProblemSchema, 422: ProblemSchema };
