import { SwitchyardError, errorMessage } from '../../errors.ts';
import { BUS_PAYLOAD_TOO_LARGE } from '../types.ts';

/** NATS is unreachable, timed out or the bus is closed: the caller answers 503 and the sender retries. */
export function unavailable(what: string, cause?: unknown): SwitchyardError {
  const reason = cause === undefined ? '' : `: ${errorMessage(cause)}`;
  return new SwitchyardError('BUS_UNAVAILABLE', `JetStream bus could not ${what}${reason}; retry later`, {
    errorClass: 'retry',
    cause,
  });
}

/**
 * The message for `what` is larger than the NATS server accepts: sending it again would fail the same way.
 * `size` is what Switchyard measured, when it did; the client library's own check counts headers too.
 */
export function tooLarge(what: string, max: number | undefined, size?: number): SwitchyardError {
  const limit = max === undefined ? "the NATS server's max_payload" : `the NATS server's max_payload of ${max} bytes`;
  const problem = size === undefined ? `${what} is larger than ${limit}` : `${what} of ${size} bytes exceeds ${limit}`;
  return new SwitchyardError(
    BUS_PAYLOAD_TOO_LARGE,
    `${problem}; raise max_payload in the NATS server's configuration (an Argo EventBus: spec.jetstream.maxPayload) or send smaller events`,
    { errorClass: 'poison' },
  );
}

/** The client library refused a message for its size (its check runs as the message is written). */
export function isMaxPayloadError(err: unknown): boolean {
  return err instanceof Error && /max_payload/.test(err.message);
}

/** A caller passed something the bus cannot accept; fixing the call or the configuration is the only cure. */
export function invalid(code: string, message: string, cause?: unknown): SwitchyardError {
  return new SwitchyardError(code, message, { errorClass: 'stop', cause });
}
