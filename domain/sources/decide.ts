import type { DecideContext } from '../decider.js';
import { notFound, renamed, repeatedRegistration } from '../decisions.js';
import type { DomainEvent } from '../events.js';
import { sameData, withoutUndefined } from '../plainData.js';
import type { SourceCommand } from './commands.js';
import type { SourceState } from './state.js';

/** Sources name no other aggregate. */
export const sourceReferences = (_command: SourceCommand): string[] => [];

export const decideSource = (command: SourceCommand, state: SourceState, _context: DecideContext): DomainEvent[] => {
  switch (command.type) {
    case 'RegisterSource': {
      const { id, ...rest } = command.data;
      const data = withoutUndefined({ sourceId: id, ...rest });
      if (state) return repeatedRegistration('source', id, state.registered, data);
      return [{ type: 'SourceRegistered', data }];
    }
    case 'ReviseSourceReliability': {
      const { id, reliability, reason } = command.data;
      if (!state) throw notFound('source', id);
      if (state.reliability === reliability) return [];
      return [{ type: 'SourceReliabilityRevised', data: { sourceId: id, reliability, reason } }];
    }
    case 'RenameSource': {
      const { id, name, reason } = command.data;
      if (!state) throw notFound('source', id);
      if (sameData(state.name, name)) return [];
      return [{ type: 'SourceRenamed', data: withoutUndefined({ sourceId: id, name, reason }) }];
    }
    case 'AddSourceVariants': {
      const { id, variants, reason } = command.data;
      if (!state) throw notFound('source', id);
      const name = renamed('source', id, state.name, variants);
      return name ? [{ type: 'SourceRenamed', data: withoutUndefined({ sourceId: id, name, reason }) }] : [];
    }
  }
};
