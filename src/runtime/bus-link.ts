/**
 * Opens the bus a BusPlan names and says whether the process is connected to it (for /readyz).
 * JetStream unreachable at start is not fatal: the link retries with backoff, logging each attempt with the
 * server, until it connects or the process is told to stop. Credentials refused or a stream that cannot be
 * reconciled stop at once (their errors are class 'stop': retrying cannot help).
 * While running, readiness follows the bus's own NATS connection status.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { openEmbeddedBus } from '../bus/embedded/index.ts';
import { JetStreamBus, openJetStreamBus } from '../bus/jetstream/index.ts';
import type { Bus } from '../bus/types.ts';
import { SwitchyardError, errorMessage, isSwitchyardError } from '../errors.ts';
import type { Logger } from '../observe/log.ts';
import { busServers, type BusPlan } from './bus-config.ts';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 5_000;

export interface BusLinkOptions {
  dataDir: string;
  log: Logger;
  /** Connection name shown by the NATS server, e.g. "switchyard-sensor-webhook". */
  name: string;
}

export class BusLink {
  #bus: Bus | undefined;
  #waiting = 'the bus is not open yet';
  #closed = false;

  constructor(
    readonly plan: BusPlan,
    private readonly opts: BusLinkOptions,
  ) {}

  get bus(): Bus | undefined {
    return this.#bus;
  }

  /** Why the process cannot use the bus right now, or undefined when it can. */
  notReady(): string | undefined {
    if (this.#closed) return 'shutting down';
    if (this.#bus === undefined) return this.#waiting;
    if (this.#bus instanceof JetStreamBus && !this.#bus.isConnected) return `lost the connection to NATS at ${busServers(this.plan)}; reconnecting`;
    return undefined;
  }

  /** Opens the bus; for JetStream, retries until connected or `signal` aborts (then throws STARTUP_ABORTED). */
  async open(signal: AbortSignal): Promise<Bus> {
    const plan = this.plan;
    if (plan.driver === 'embedded') {
      this.#bus = await openEmbeddedBus({ dir: join(this.opts.dataDir, 'bus'), ...(plan.stream ? { stream: plan.stream } : {}) });
      return this.#bus;
    }
    const where = busServers(plan);
    let delay = FIRST_RETRY_MS;
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw aborted(where);
      try {
        this.#bus = await openJetStreamBus({ ...plan.connection, stream: plan.stream, name: this.opts.name });
        if (attempt > 1) this.opts.log.info('connected to NATS', { server: where, attempts: attempt });
        return this.#bus;
      } catch (err) {
        if (!isSwitchyardError(err) || err.errorClass !== 'retry') throw err;
        this.#waiting = `cannot reach NATS at ${where} (attempt ${attempt}): ${errorMessage(err)}`;
        this.opts.log.warn(`cannot reach NATS at ${where}; retrying`, { server: where, attempt, retryInMs: delay, reason: errorMessage(err) });
        try {
          await sleep(delay, undefined, { signal });
        } catch {
          throw aborted(where);
        }
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#bus?.close().catch((err: unknown) => this.opts.log.error('closing the bus failed', { err }));
  }
}

function aborted(where: string): SwitchyardError {
  return new SwitchyardError('STARTUP_ABORTED', `stopped before the bus at ${where} could be reached`, { errorClass: 'stop' });
}
