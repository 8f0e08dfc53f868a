import { SwitchyardError, errorMessage } from '../../errors.ts';

/** NATS is unreachable, timed out or the bus is closed: the caller answers 503 and the sender retries. */
export function unavailable(what: string, cause?: unknown): SwitchyardError {
  const reason = cause === undefined ? '' : `: ${errorMessage(cause)}`;
  return new SwitchyardError('BUS_UNAVAILABLE', `JetStream bus could not ${what}${reason}; retry later`, {
    errorClass: 'retry',
    cause,
  });
}

/** A caller passed something the bus cannot accept; fixing the call or the configuration is the only cure. */
export function invalid(code: string, message: string, cause?: unknown): SwitchyardError {
  return new SwitchyardError(code, message, { errorClass: 'stop', cause });
}
