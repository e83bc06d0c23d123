import { ApiError } from '../api.js';
import type { ApiPath } from '../apiPaths.js';

/** The shapes of `POST /v1/articles/{id}/suggestions` the page reads (OpenAPI: `Suggestions`). */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}
export interface ClaimBody {
  id?: string;
  articleId: string;
  kind: string;
  placeId: string;
  actorIds: string[];
  share?: number;
  inFavourOf?: string;
  validTime: { date: string; approximate: boolean };
  credibility: number;
  quote?: { text: string; language: string };
  attributedTo?: string;
  provenance?: { kind: 'suggestion'; suggestionId: string; textSha256: string; rule?: string };
}
export interface ClaimSuggestion {
  readonly id: string;
  readonly rule: string;
  readonly confidence: number;
  readonly kind: string;
  readonly placeId?: string;
  readonly actorIds: string[];
  readonly share?: number;
  readonly inFavourOf?: string;
  readonly validTime: { date: string; approximate: boolean };
  readonly attributedTo?: string;
  readonly credibility: number;
  readonly quote: { text: string; language: string };
  readonly evidence: Record<string, Span | Span[] | undefined>;
  readonly missing: string[];
  readonly unresolved: string[];
  readonly claim?: ClaimBody;
}
export interface Registration {
  readonly id: string;
  readonly type: 'place' | 'actor' | 'name';
  readonly name: string;
  readonly span: Span;
}
export interface Suggestions {
  readonly articleId: string;
  readonly textSha256: string;
  readonly publishedAt: string;
  readonly language: string;
  readonly claims: ClaimSuggestion[];
  readonly registrations: Registration[];
  readonly mentions: { type: string; id: string; span: Span }[];
}
export interface Named {
  readonly id: string;
  readonly names?: { en: string; ar?: string };
  readonly name?: { en: string; ar?: string };
  readonly title?: string;
  readonly kind?: string;
}
export interface WriteAnswer {
  readonly id: string;
  readonly position: string;
}

const fill = (path: ApiPath, params: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));

const send = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
  const response = await fetch(url, {
    method,
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
    throw new ApiError(response.status, problem.code ?? 'http_error', problem.detail ?? response.statusText);
  }
  return (await response.json()) as T;
};

/** The recording page's calls, each on a documented route (`apiPaths.ts`). */
export const recordApi = {
  list: async (path: '/v1/articles' | '/v1/places' | '/v1/actors' | '/v1/sources'): Promise<Named[]> => {
    const items: Named[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page: { items: Named[]; next: number | null } = await send('GET', `${path}?limit=1000&offset=${offset}`);
      items.push(...page.items);
      offset = page.next;
    }
    return items;
  },
  suggest: (articleId: string, text: string, minPosition?: string) =>
    send<Suggestions>(
      'POST',
      `${fill('/v1/articles/{id}/suggestions', { id: articleId })}${minPosition ? `?minPosition=${minPosition}` : ''}`,
      { text },
    ),
  recordClaim: (body: ClaimBody) => send<WriteAnswer>('POST', '/v1/claims', body),
  register: (path: '/v1/places' | '/v1/actors', body: unknown) => send<WriteAnswer>('POST', path, body),
};
