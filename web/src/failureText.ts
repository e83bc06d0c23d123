import { ApiError } from './api.js';

/**
 * Why a call failed, in words a person can act on: a call refused for want of a token (the
 * dialog was declined) says how to sign in; one refused for the token's role (403 `forbidden`,
 * whose detail names the role needed and the caller's) says to sign in with another token.
 */
export const failureText = (error: unknown): string => {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.status === 401) return 'sign in with an access token (the Sign in button)';
  if (error.status === 403) return `${error.message}. Sign out, then sign in with a token that has that role.`;
  return `${error.code}: ${error.message}`;
};
