/**
 * Switchyard's error type. Every error carries a stable code, a message that says what to do,
 * an optional cause, and a class telling the caller how to react:
 *  - retry:  transient (bus unavailable, target down); try again later
 *  - poison: this input will never succeed (bad event, template error); record it and move on
 *  - stop:   configuration or programming error; refuse to start / exit
 */
export type ErrorClass = 'retry' | 'poison' | 'stop';

export class SwitchyardError extends Error {
  readonly code: string;
  readonly errorClass: ErrorClass;

  constructor(code: string, message: string, options: { errorClass?: ErrorClass; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwitchyardError';
    this.code = code;
    this.errorClass = options.errorClass ?? 'stop';
  }
}

export function isSwitchyardError(err: unknown): err is SwitchyardError {
  return err instanceof SwitchyardError;
}

/** A readable one-line message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
