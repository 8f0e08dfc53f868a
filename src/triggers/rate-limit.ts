/** A blocking leaky bucket: at most requestsPerUnit starts per unit (Second, Minute, Hour), evenly spaced. */
import type { RateLimit } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';

const UNIT_MS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000 };

export class RateLimiter {
  private next = 0;
  private readonly intervalMs: number;

  constructor(limit: RateLimit, where: string) {
    const unitMs = UNIT_MS[(limit.unit ?? 'Second').toLowerCase()];
    if (!unitMs) throw new SwitchyardError('TRIGGER_INVALID', `${where}.rateLimit.unit "${limit.unit}" must be Second, Minute or Hour`);
    const rpu = limit.requestsPerUnit ?? 0;
    if (!(rpu > 0)) throw new SwitchyardError('TRIGGER_INVALID', `${where}.rateLimit.requestsPerUnit must be a positive number`);
    this.intervalMs = unitMs / rpu;
  }

  /** Resolves when the caller may start. */
  async take(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }
}
