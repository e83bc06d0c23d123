import { z } from 'zod';

/**
 * NATO Admiralty grading. Source reliability: A completely reliable, B usually reliable,
 * C fairly reliable, D not usually reliable, E unreliable, F cannot be judged.
 * Information credibility: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful,
 * 5 improbable, 6 cannot be judged.
 */
export const Reliability = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export type Reliability = z.infer<typeof Reliability>;

export const Credibility = z.number().int().min(1).max(6);
export type Credibility = 1 | 2 | 3 | 4 | 5 | 6;

/** A combined grade such as `B2`. */
export const Grade = z.string().regex(/^[A-F][1-6]$/, 'must be a reliability A-F followed by a credibility 1-6, e.g. B3');
export type Grade = `${Reliability}${Credibility}`;

export const gradeOf = (reliability: Reliability, credibility: Credibility): Grade => `${reliability}${credibility}` as Grade;

/**
 * Whether `grade` is at least as good as `minimum` on both axes (A best, 1 best).
 * F and 6 ("cannot be judged") are ranked last, so they never satisfy a minimum better
 * than themselves.
 */
export const meetsMinimum = (grade: Grade, minimum: Grade): boolean => grade[0]! <= minimum[0]! && grade[1]! <= minimum[1]!;
