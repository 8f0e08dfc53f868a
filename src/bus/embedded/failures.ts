import { SwitchyardError } from '../../errors.ts';
import { logger } from '../../observe/log.ts';

const log = logger({ component: 'bus.embedded' });

/** The store could not durably write or is closed: the caller answers 503 and the sender retries. */
export function unavailable(what: string, cause?: unknown): SwitchyardError {
  const reason = cause instanceof Error ? `: ${cause.message}` : '';
  return new SwitchyardError('BUS_UNAVAILABLE', `embedded bus could not ${what}${reason}; retry later`, {
    errorClass: 'retry',
    cause,
  });
}

/** Retention limits are reached and every stored message still awaits a consumer's ack. */
export function full(detail: string): SwitchyardError {
  return new SwitchyardError(
    'BUS_FULL',
    `embedded bus is full (${detail}) and every stored message still awaits an ack; ` +
      'retry later, or raise the stream limits (maxMsgs, maxBytes)',
    { errorClass: 'retry' },
  );
}

/** A caller passed something the bus cannot accept; fixing the call is the only cure. */
export function invalid(code: string, message: string): SwitchyardError {
  return new SwitchyardError(code, message, { errorClass: 'stop' });
}

/** Logs a background write's failure; the state it records is rewritten or re-derived at next open. */
export function background(p: Promise<unknown>, what: string): void {
  p.catch((err: unknown) => log.warn('background write failed', { what, err }));
}
