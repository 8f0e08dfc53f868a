/** Context filter: exact equality on each non-empty field of type, subject, source, datacontenttype. */
import type { EventContextFilter } from '../../api/types.ts';
import type { EvalEvent } from '../event.ts';
import type { FilterGroup, FilterResult } from './types.ts';

const FIELDS = ['type', 'subject', 'source', 'datacontenttype'] as const;

export function compileContextFilter(filter: EventContextFilter): FilterGroup {
  return {
    kind: 'context',
    evaluate(ev: EvalEvent, results: FilterResult[]): boolean {
      for (const field of FIELDS) {
        const want = filter[field];
        if (want && want !== ev.context[field]) {
          results.push({ kind: 'context', index: -1, passed: false, reason: `context ${field} is ${JSON.stringify(ev.context[field])}; expected ${JSON.stringify(want)}` });
          return false;
        }
      }
      results.push({ kind: 'context', index: -1, passed: true });
      return true;
    },
  };
}
