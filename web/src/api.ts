import type { ApiPath } from './apiPaths.js';
import type { Credentials } from './credentials.js';

/**
 * The page's client for the public sijill API (shapes as in `/openapi.json`). Every call names
 * its documented path template; a non-2xx answer becomes an `ApiError` carrying the RFC 9457
 * problem's `code` and `detail`. It is the one place that sends the bearer token, and the one
 * place that reacts to `401 unauthenticated` (see `Api.request`).
 */
export interface Names {
  readonly en: string;
  readonly ar?: string;
  readonly variants: string[];
}
export interface Point {
  readonly lat: number;
  readonly lon: number;
  readonly approximate: boolean;
}
export interface Place {
  readonly id: string;
  readonly names: Names;
  readonly kind: string;
  readonly parentId?: string;
  readonly ancestorIds: string[];
  readonly childIds: string[];
  readonly location?: Point;
  readonly pcode?: string;
  readonly position: string;
}
export interface Actor {
  readonly id: string;
  readonly names: Names;
  readonly kind: string;
  readonly parentId?: string;
  readonly alignedWith?: string;
}
export interface Share {
  readonly actorId: string;
  readonly share: number;
  readonly since: string;
}
export type Status = 'unknown' | 'controlled' | 'contested';
export interface PlaceControl {
  readonly placeId: string;
  readonly name: string;
  readonly pcode: string | null;
  readonly status: Status;
  readonly controller: string | null;
  readonly shares: Share[];
  readonly unattributed: number;
  readonly lastClaimAt: string | null;
  readonly grade: string | null;
  /** Absent from the overview (`claimIds=false`): one place's evidence comes with it alone. */
  readonly claimIds?: string[];
}
export interface ControlAnswer {
  readonly at: string;
  readonly asOf: string;
  readonly knownAt: string | null;
  readonly minGrade: string | null;
  readonly places: PlaceControl[];
}
export interface Segment {
  readonly from: string;
  readonly to: string | null;
  readonly status: Status;
  readonly controller: string | null;
  readonly shares: { actorId: string; share: number }[];
  readonly claimIds: string[];
}
export interface TimelineEntry {
  readonly claimId: string;
  readonly kind: string;
  readonly placeId: string;
  readonly actorIds: string[];
  readonly share?: number;
  readonly inFavourOf?: string;
  readonly validTime: { date: string; approximate: boolean };
  readonly validStart: string;
  readonly credibility: number;
  readonly grade: string | null;
  readonly quote?: { text: string; language: string };
  readonly summary?: string;
  readonly attributedTo?: string;
  readonly article: { id: string; title: string | null; publishedAt: string | null; url?: string };
  readonly source: { id: string; name: string | null; reliability: string | null };
  readonly recordedAt: string;
  readonly position: string;
  readonly corrected: boolean;
  readonly corroborations: number;
  readonly disputes: number;
}
interface Known {
  readonly recordedAt: string;
  readonly position: string;
  readonly principal: string;
}
export interface ClaimBody {
  readonly placeId: string;
  readonly actorIds: string[];
  readonly share?: number;
  readonly validTime: { date: string; approximate?: boolean };
  readonly credibility: number;
  readonly quote?: { text: string; language: string };
  readonly summary?: string;
}
export interface Claim {
  readonly id: string;
  readonly kind: string;
  readonly articleId: string;
  readonly status: 'standing' | 'retracted';
  readonly current: ClaimBody;
  readonly recorded: ClaimBody & Known;
  readonly corrections: ({ reason: string; corrected: ClaimBody } & Known)[];
  readonly corroborations: ({ articleId: string; note?: string } & Known)[];
  readonly disputes: ({ reason: string; articleId?: string } & Known)[];
  readonly retraction: ({ reason: string } & Known) | null;
}
export interface Change {
  readonly date: string;
  readonly placeId: string;
  readonly claimIds: string[];
}
export interface Envelope {
  readonly position: string;
  readonly streamId: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly data: Record<string, unknown>;
}
export interface EventsPage {
  readonly events: Envelope[];
  readonly next: string | null;
  readonly head: string;
}

/** The knowledge cutoff and grade filter every state query takes. */
export interface Scope {
  readonly asOf?: string | undefined;
  readonly knownAt?: string | undefined;
  readonly minGrade?: string | undefined;
  readonly minPosition?: string | undefined;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

type Query = Record<string, string | number | undefined>;

/** `/v1/places/{id}` with `{id}` filled in, and the query string without undefined values. */
export const urlOf = (path: ApiPath, params: Record<string, string> = {}, query: Query = {}): string => {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
};

const scopeQuery = (scope: Scope): Query => ({
  asOf: scope.asOf,
  knownAt: scope.asOf === undefined ? scope.knownAt : undefined,
  minGrade: scope.minGrade,
  minPosition: scope.minPosition,
});

/**
 * How the page signs in when the service is configured with tokens (`SIJILL_TOKENS`). Without
 * it, a 401 is an error like any other.
 */
export interface Authentication {
  readonly credentials: Credentials;
  /**
   * Ask the person for a token; `accepts` says whether the API takes one. Resolves with a token
   * `accepts` approved, or undefined when they declined (closed the dialog).
   */
  readonly askToken: (accepts: (token: string) => Promise<boolean>) => Promise<string | undefined>;
}

/** What a header value may hold (visible ASCII; RFC 9110 §5.5): `fetch` refuses anything else. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Wait for `promise`, or reject with the signal's reason when it aborts first. */
const unlessAborted = <T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> => {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
};

const problemOf = async (response: Response): Promise<ApiError> => {
  const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
  return new ApiError(response.status, problem.code ?? 'http_error', problem.detail ?? response.statusText);
};

export class Api {
  #signingIn: Promise<boolean> | undefined;

  constructor(private readonly authentication?: Authentication) {}

  #fetch(url: string, init: RequestInit, token: string | undefined): Promise<Response> {
    const headers = new Headers(init.headers);
    // RFC 6750 §2.1. Never a query parameter (§2.3): URLs end up in logs and shared links.
    if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
    return fetch(url, { ...init, headers });
  }

  /**
   * Call the API with the token held, if any. On `401` (no token, or one the service no longer
   * takes), ask for a token once — concurrent calls wait for the same answer — and send the
   * call again with it; when the person declines, reject with an `ApiError` 401
   * `unauthenticated`. Other answers are returned as they are.
   */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    for (;;) {
      const token = this.authentication?.credentials.token;
      const response = await this.#fetch(url, init, token);
      if (response.status !== 401 || !this.authentication) return response;
      await response.body?.cancel().catch(() => undefined);
      // Signed in meanwhile (by a concurrent call): send it again with the new token.
      if (this.authentication.credentials.token !== token) continue;
      if (token !== undefined) this.authentication.credentials.forget();
      if (!(await unlessAborted(this.signIn(), init.signal))) {
        throw new ApiError(401, 'unauthenticated', 'not signed in: this ledger needs an access token');
      }
    }
  }

  /**
   * Ask for a token and keep the one the API accepts. Resolves true when signed in, false when
   * the person declined (or the service needs no token). One dialog at a time: calls made while
   * it is open share its answer.
   */
  signIn(): Promise<boolean> {
    const authentication = this.authentication;
    if (!authentication) return Promise.resolve(false);
    this.#signingIn ??= authentication
      .askToken((candidate) => this.accepts(candidate))
      .then((token) => {
        if (token === undefined) return false;
        authentication.credentials.keep(token);
        return true;
      })
      .finally(() => {
        this.#signingIn = undefined;
      });
    return this.#signingIn;
  }

  /** Forget the token held. */
  signOut(): void {
    this.authentication?.credentials.forget();
  }

  /**
   * Whether the API accepts this token, asked with a reader's cheapest call (`GET
   * /v1/events?limit=1`); false for a token that cannot be a header value. Any answer other
   * than 401 or success is an `ApiError` (the service could not say).
   */
  async accepts(token: string): Promise<boolean> {
    if (!HEADER_SAFE.test(token)) return false;
    const response = await this.#fetch(urlOf('/v1/events', {}, { limit: 1 }), { headers: { accept: 'application/json' } }, token);
    if (response.status === 401) return false;
    if (!response.ok) throw await problemOf(response);
    await response.body?.cancel().catch(() => undefined);
    return true;
  }

  async get<T>(path: ApiPath, params: Record<string, string> = {}, query: Query = {}, signal?: AbortSignal): Promise<T> {
    const response = await this.request(urlOf(path, params, query), {
      headers: { accept: 'application/json' },
      signal: signal ?? null,
    });
    if (!response.ok) throw await problemOf(response);
    return (await response.json()) as T;
  }

  /**
   * `POST` a JSON body; the answer's JSON, or an `ApiError` for a non-2xx answer. The body is
   * text, so `request` can send it again after signing in (a 401 is answered before the
   * service reads the body: nothing was written).
   */
  async post<T>(path: ApiPath, body: unknown, params: Record<string, string> = {}, query: Query = {}): Promise<T> {
    const response = await this.request(urlOf(path, params, query), {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await problemOf(response);
    return (await response.json()) as T;
  }

  /** Every page of a registry list (`items`, `next` offset). */
  async all<T>(path: '/v1/places' | '/v1/actors' | '/v1/articles' | '/v1/sources'): Promise<T[]> {
    const items: T[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page: { items: T[]; next: number | null } = await this.get(path, {}, { limit: 1000, offset });
      items.push(...page.items);
      offset = page.next;
    }
    return items;
  }

  places = () => this.all<Place>('/v1/places');
  actors = () => this.all<Actor>('/v1/actors');
  place = (id: string) => this.get<Place>('/v1/places/{id}', { id });
  searchPlaces = (q: string, signal?: AbortSignal) =>
    this.get<{ items: Place[] }>('/v1/places', {}, { q, limit: 8 }, signal).then((p) => p.items);
  searchActors = (q: string, signal?: AbortSignal) =>
    this.get<{ items: Actor[] }>('/v1/actors', {}, { q, limit: 8 }, signal).then((p) => p.items);

  control = (at: string, scope: Scope & { within?: string | undefined }, signal?: AbortSignal) =>
    this.get<ControlAnswer>('/v1/control', {}, { at, within: scope.within, claimIds: 'false', ...scopeQuery(scope) }, signal);

  history = (placeId: string, scope: Scope) =>
    this.get<{ segments: Segment[] }>('/v1/places/{id}/history', { id: placeId }, scopeQuery(scope)).then((h) => h.segments);

  /** Every claim about the place itself (not the places within it), as known at the cutoff. */
  async evidence(placeId: string, scope: Scope): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    let cursor: string | undefined;
    do {
      const page: { entries: TimelineEntry[]; next: string | null } = await this.get(
        '/v1/timeline',
        {},
        { place: placeId, descendants: 'false', limit: 1000, cursor, ...scopeQuery(scope) },
      );
      entries.push(...page.entries);
      cursor = page.next ?? undefined;
    } while (cursor !== undefined);
    return entries;
  }

  claim = (id: string) => this.get<Claim>('/v1/claims/{id}', { id });

  replay = (from: string, to: string, scope: Scope & { within?: string | undefined }) =>
    this.get<{ changes: Change[] }>('/v1/replay', {}, { from, to, within: scope.within, ...scopeQuery(scope) }).then(
      (r) => r.changes,
    );

  /** Every event of these types, in log order. */
  async eventsOfType(types: string[]): Promise<Envelope[]> {
    const events: Envelope[] = [];
    let after: string | undefined;
    do {
      const page: EventsPage = await this.get('/v1/events', {}, { type: types.join(','), limit: 1000, after });
      events.push(...page.events);
      after = page.next ?? undefined;
    } while (after !== undefined);
    return events;
  }

  /** The first event of the log and the head position (null on an empty log). */
  async logBounds(): Promise<{ first: Envelope | null; head: string }> {
    const page = await this.get<EventsPage>('/v1/events', {}, { limit: 1 });
    return { first: page.events[0] ?? null, head: page.head };
  }

  /** The last event at or before a position: when the ledger knew what it knew there. */
  async eventAtOrBefore(position: string): Promise<Envelope | null> {
    const after = (BigInt(position) + 1n).toString();
    const page = await this.get<EventsPage>('/v1/events', {}, { direction: 'backwards', after, limit: 1 });
    return page.events[0] ?? null;
  }

  /** The earliest valid date of any control-affecting claim (null when there are none). */
  async firstControlDate(): Promise<string | null> {
    const page = await this.get<{ entries: TimelineEntry[] }>('/v1/timeline', {}, { kind: 'control,withdrawal', limit: 1 });
    return page.entries[0]?.validStart ?? null;
  }

  /**
   * The live feed, `GET /v1/subscribe` as Server-Sent Events, as a streaming response (read it
   * with `followEventStream`): events of these types after `after`, or after `lastEventId` when
   * it is not '' — the service resumes from the Last-Event-ID header in preference to `after`.
   */
  subscribe = (after: string, types: string[], lastEventId: string, signal: AbortSignal) =>
    this.request(urlOf('/v1/subscribe', {}, { after, type: types.join(',') }), {
      headers: { accept: 'text/event-stream', ...(lastEventId === '' ? {} : { 'last-event-id': lastEventId }) },
      cache: 'no-store',
      signal,
    });
}
