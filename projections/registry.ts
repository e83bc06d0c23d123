import type { Reliability } from '../domain/grades.js';
import type { Names } from '../domain/names.js';
import type { Projection } from './envelope.js';

/**
 * The registry views: sources (with their reliability history), places (with the tree),
 * actors, articles and a summary of every claim, as recorded. Lists and name search read
 * from here; single entities with full history are read from their streams.
 */
export interface Recorded {
  readonly recordedAt: string;
  readonly position: bigint;
}

export interface SourceView extends Recorded {
  readonly id: string;
  name: Names;
  readonly kind: string;
  readonly url?: string;
  readonly note?: string;
  reliability: Reliability;
  readonly reliabilityHistory: { reliability: Reliability; reason?: string; recordedAt: string; position: bigint }[];
}

export interface PlaceView extends Recorded {
  readonly id: string;
  names: Names;
  readonly kind: string;
  readonly parentId?: string;
  readonly location?: { lat: number; lon: number; approximate: boolean };
  readonly pcode?: string;
  readonly geonamesId?: number;
  readonly childIds: string[];
}

export interface ActorView extends Recorded {
  readonly id: string;
  names: Names;
  readonly kind: string;
  readonly parentId?: string;
  readonly alignedWith?: string;
}

export interface ArticleView extends Recorded {
  readonly id: string;
  /** The primary source. */
  readonly sourceId: string;
  /** Further sources named by the article or its citation (ArticleRecorded v2). */
  readonly additionalSourceIds?: string[];
  readonly url?: string;
  readonly title?: string;
  readonly language: string;
  /** A partial date, an ISO date or an instant; absent when unknown (ArticleRecorded v2). */
  readonly publishedAt?: string;
  readonly citation?: string;
  readonly claimIds: string[];
}

export interface RegistryState {
  readonly sources: Map<string, SourceView>;
  readonly places: Map<string, PlaceView>;
  readonly actors: Map<string, ActorView>;
  readonly articles: Map<string, ArticleView>;
}

export const registryProjection: Projection<RegistryState> = {
  name: 'registry',
  // 2: actors and sources are renamed too (ActorRenamed, SourceRenamed).
  version: 2,
  initialState: () => ({ sources: new Map(), places: new Map(), actors: new Map(), articles: new Map() }),
  evolve(state, { event, recordedAt, position }) {
    const recorded = { recordedAt, position };
    switch (event.type) {
      case 'SourceRegistered': {
        const { sourceId, ...rest } = event.data;
        if (state.sources.has(sourceId)) break;
        state.sources.set(sourceId, {
          id: sourceId,
          ...rest,
          ...recorded,
          reliabilityHistory: [{ reliability: rest.reliability, recordedAt, position }],
        });
        break;
      }
      case 'SourceReliabilityRevised': {
        const source = state.sources.get(event.data.sourceId);
        if (!source) break;
        source.reliability = event.data.reliability;
        source.reliabilityHistory.push({ reliability: event.data.reliability, reason: event.data.reason, recordedAt, position });
        break;
      }
      case 'SourceRenamed': {
        // A new Names object, never one mutated: name search caches what it prepared by object (services/queries/nameSearch.ts).
        const source = state.sources.get(event.data.sourceId);
        if (source) source.name = event.data.name;
        break;
      }
      case 'PlaceRegistered': {
        const { placeId, ...rest } = event.data;
        if (state.places.has(placeId)) break;
        state.places.set(placeId, { id: placeId, ...rest, ...recorded, childIds: [] });
        if (rest.parentId) state.places.get(rest.parentId)?.childIds.push(placeId);
        break;
      }
      case 'PlaceRenamed': {
        const place = state.places.get(event.data.placeId);
        if (place) place.names = event.data.names;
        break;
      }
      case 'ActorRegistered': {
        const { actorId, ...rest } = event.data;
        if (!state.actors.has(actorId)) state.actors.set(actorId, { id: actorId, ...rest, ...recorded });
        break;
      }
      case 'ActorRenamed': {
        const actor = state.actors.get(event.data.actorId);
        if (actor) actor.names = event.data.names;
        break;
      }
      case 'ArticleRecorded': {
        const { articleId, ...rest } = event.data;
        if (!state.articles.has(articleId)) state.articles.set(articleId, { id: articleId, ...rest, ...recorded, claimIds: [] });
        break;
      }
      case 'ClaimRecorded':
        state.articles.get(event.data.articleId)?.claimIds.push(event.data.claimId);
        break;
      default:
        break;
    }
    return state;
  },
};
