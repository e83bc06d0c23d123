/** Where the page keeps the token, in the tab's `sessionStorage`. */
export const TOKEN_KEY = 'sijill.token';

type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The tab's session storage, or none where the browser refuses it (storage disabled, some sandboxes). */
const sessionStorageOrNone = (): TokenStorage | undefined => {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
};

/**
 * The bearer token the page sends to the API (`Authorization: Bearer <token>`, RFC 6750
 * §2.1), kept in the tab's `sessionStorage`: it survives a reload, is gone when the tab
 * closes, and no other tab sees it. Never in the URL: the URL holds the shareable view, and
 * a token in a URL leaks into server logs, history and every link shared from the page.
 * Where storage is refused, the token lives in memory for this page's life only.
 */
export class Credentials {
  #memory: string | undefined;

  /** `onChange` hears the token held now, and again whenever it is kept or forgotten. */
  constructor(
    private readonly onChange: (token: string | undefined) => void = () => undefined,
    private readonly storage: TokenStorage | undefined = sessionStorageOrNone(),
  ) {
    onChange(this.token);
  }

  /** The token held, or undefined (the ledger may need none). */
  get token(): string | undefined {
    try {
      return this.storage?.getItem(TOKEN_KEY) ?? this.#memory;
    } catch {
      return this.#memory;
    }
  }

  keep(token: string): void {
    this.#memory = token;
    try {
      this.storage?.setItem(TOKEN_KEY, token);
    } catch {
      // Storage full or refused: the token stays in memory only.
    }
    this.onChange(token);
  }

  /** Sign out: the token is gone from storage and memory. */
  forget(): void {
    this.#memory = undefined;
    try {
      this.storage?.removeItem(TOKEN_KEY);
    } catch {
      // Nothing was stored.
    }
    this.onChange(undefined);
  }
}
