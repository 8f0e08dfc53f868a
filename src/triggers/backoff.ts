/**
 * Retry timing from a trigger's retryStrategy, with Argo's defaults: steps = total attempts (0 or unset: 5),
 * duration 1s (an integer is nanoseconds, a string a Go duration), factor 1.0, jitter 1.
 */
import type { Backoff } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';
import { parseGoDuration } from './duration.ts';

export interface RetryPolicy {
  readonly attempts: number;
  /** Milliseconds to wait before attempt n+1 (n from 1). */
  delayMs(attempt: number): number;
}

function num(v: string | number | undefined, field: string, def: number): number {
  if (v === undefined || v === '') return def;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n) || n < 0) throw new SwitchyardError('TRIGGER_INVALID', `retryStrategy.${field} "${v}" must be a non-negative number`);
  return n;
}

export function retryPolicy(b: Backoff | undefined, random: () => number = Math.random): RetryPolicy {
  const attempts = b?.steps && b.steps > 0 ? b.steps : 5;
  let baseMs = 1000;
  if (b?.duration !== undefined && b.duration !== '') {
    baseMs = typeof b.duration === 'number' || /^\d+$/.test(b.duration) ? Number(b.duration) / 1e6 : parseGoDuration(b.duration, 'retryStrategy.duration');
  }
  const factor = num(b?.factor, 'factor', 1);
  const jitter = num(b?.jitter, 'jitter', 1);
  return {
    attempts,
    delayMs(attempt: number): number {
      const d = baseMs * Math.pow(factor || 1, attempt - 1);
      return jitter > 0 ? d + random() * jitter * d : d;
    },
  };
}
