/** Defaults and checks of ConsumerOptions shared by every bus driver. */
import { SwitchyardError } from '../errors.ts';
import type { ConsumerOptions } from './types.ts';

export const DEFAULT_ACK_WAIT_MS = 30_000;

/** The ack wait and in-flight bound of a consumer, with defaults applied; throws when they are unusable. */
export function consumerLimits(options: ConsumerOptions): { ackWaitMs: number; maxInFlight: number } {
  const ackWaitMs = options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
  const maxInFlight = options.maxInFlight ?? 1;
  if (!(ackWaitMs > 0) || !Number.isInteger(maxInFlight) || maxInFlight < 1) {
    throw new SwitchyardError('BUS_CONSUMER_INVALID', `consumer ${options.durableName}: ackWaitMs must be > 0 and maxInFlight an integer >= 1`, { errorClass: 'stop' });
  }
  return { ackWaitMs, maxInFlight };
}

export function alreadyConsuming(durableName: string): SwitchyardError {
  return new SwitchyardError('BUS_DURABLE_ACTIVE', `durable consumer ${durableName} is already consuming in this process; stop it first`, { errorClass: 'stop' });
}
