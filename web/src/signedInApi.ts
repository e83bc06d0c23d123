import { Api } from './api.js';
import { Credentials } from './credentials.js';
import { h } from './dom.js';
import { SignInDialog } from './signIn.js';

/**
 * A page's API client, signed in the one way every page signs in (the map and `/record`), for
 * a service configured with tokens (`SIJILL_TOKENS`): a call that answers 401 opens the
 * sign-in dialog (`signIn.ts`); the token is kept in the tab's sessionStorage under one key
 * (`credentials.ts`), so signing in on one page serves the other; `Api.request` sends it as
 * `Authorization: Bearer` on every call. `account` receives the page's Sign in and Sign out
 * buttons: "Sign out" shows while a token is held, "Sign in" once the dialog was declined.
 * Either reloads the page, which starts again from what its URL holds. Without tokens the
 * service never answers 401, so nothing shows and nothing is asked.
 */
export const signedInApi = (account: HTMLElement): Api => {
  const signInButton = h('button', { id: 'sign-in-open', type: 'button', hidden: true }, 'Sign in');
  const signOutButton = h('button', { id: 'sign-out', type: 'button', hidden: true }, 'Sign out');
  account.append(signInButton, signOutButton);
  const credentials = new Credentials((token) => {
    signOutButton.hidden = token === undefined;
    if (token !== undefined) signInButton.hidden = true;
  });
  const dialog = new SignInDialog();
  const api = new Api({
    credentials,
    askToken: async (accepts) => {
      const token = await dialog.ask(accepts);
      if (token === undefined) signInButton.hidden = false;
      return token;
    },
  });
  signInButton.addEventListener('click', async () => {
    if (await api.signIn()) window.location.reload();
  });
  signOutButton.addEventListener('click', () => {
    api.signOut();
    window.location.reload();
  });
  return api;
};
