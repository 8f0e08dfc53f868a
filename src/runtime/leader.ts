/**
 * Leader election through a lease in a bus key-value bucket, so replicas of one Sensor or EventSource can
 * run side by side and only one of them reads. The lease is a JSON value {holder, expiresAt, ttlMs}; every
 * change goes through compare-and-set (create, or update at the revision last seen), so two replicas can
 * never both win the same round.
 *
 * - A standby reads the lease every renewMs; when there is none, or its expiresAt (the holder's clock) has
 *   passed, it takes the lease.
 * - The leader rewrites the lease every renewMs. If another holder changed it, it steps down at once; if the
 *   bus cannot be reached, it steps down when its own lease has run out, before anyone else may take it.
 * - stop() releases the lease (writes it as expired), so a standby takes over at its next look.
 * Leadership moving is not fatal: a demoted replica stops its readers and campaigns again.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { KV_CONFLICT, type KeyValueStore } from '../bus/types.ts';
import { errorMessage, isSwitchyardError } from '../errors.ts';
import type { Logger } from '../observe/log.ts';
import type { Stoppable } from './part.ts';

/** The bucket leases live in. */
export const LEASE_BUCKET = 'switchyard-leases';
export const DEFAULT_LEASE_TTL_MS = 10_000;

export interface LeadershipOptions {
  kv: KeyValueStore;
  /** The lease key, e.g. `sensor.<name>`. */
  key: string;
  /** Who this replica is; see leaseHolder(). */
  holder: string;
  /** How long a lease lasts without renewal. Default 10 s. */
  ttlMs?: number;
  /** How often the leader renews and a standby looks. Default ttlMs / 3. */
  renewMs?: number;
  log: Logger;
}

export interface LeaderElector {
  readonly key: string;
  readonly holder: string;
  readonly isLeader: boolean;
  /** Called each time this replica becomes leader. Returns a function that unsubscribes. */
  onElected(fn: () => void): () => void;
  /** Called each time this replica stops being leader, with the reason. */
  onDemoted(fn: (reason: string) => void): () => void;
  /** Gives up the lease at the next renewal (onDemoted is called) and keeps campaigning. */
  resign(): void;
  /** Stops campaigning and releases the lease if held (onDemoted is called). */
  stop(): Promise<void>;
}

interface Lease {
  holder: string;
  /** ms since the epoch, by the holder's clock */
  expiresAt: number;
  ttlMs: number;
}

/** A holder name unique to this process: hostname-pid-random. */
export function leaseHolder(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

function parseLease(value: Buffer): Lease | undefined {
  try {
    const v = JSON.parse(value.toString('utf8')) as Partial<Lease>;
    if (typeof v.holder === 'string' && typeof v.expiresAt === 'number') return { holder: v.holder, expiresAt: v.expiresAt, ttlMs: v.ttlMs ?? 0 };
  } catch {
    // not a lease: treated as expired below
  }
  return undefined;
}

const isConflict = (err: unknown): boolean => isSwitchyardError(err) && err.code === KV_CONFLICT;

export function acquireLeadership(opts: LeadershipOptions): LeaderElector {
  return new KvLeaderElector(opts);
}

class KvLeaderElector implements LeaderElector {
  readonly key: string;
  readonly holder: string;
  readonly #kv: KeyValueStore;
  readonly #ttlMs: number;
  readonly #renewMs: number;
  readonly #log: Logger;
  readonly #elected = new Set<() => void>();
  readonly #demoted = new Set<(reason: string) => void>();
  readonly #abort = new AbortController();
  /** Revision of the lease we hold; undefined while standby. */
  #revision: number | undefined;
  /** When our lease runs out by our own clock. */
  #expiresAt = 0;
  #lastSeenHolder: string | undefined;
  #resigning = false;
  readonly #loop: Promise<void>;

  constructor(opts: LeadershipOptions) {
    this.key = opts.key;
    this.holder = opts.holder;
    this.#kv = opts.kv;
    this.#ttlMs = opts.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.#renewMs = opts.renewMs ?? Math.max(1, Math.floor(this.#ttlMs / 3));
    this.#log = opts.log.child({ lease: opts.key, holder: opts.holder });
    this.#loop = this.#run();
  }

  get isLeader(): boolean {
    return this.#revision !== undefined;
  }

  onElected(fn: () => void): () => void {
    this.#elected.add(fn);
    return () => this.#elected.delete(fn);
  }

  onDemoted(fn: (reason: string) => void): () => void {
    this.#demoted.add(fn);
    return () => this.#demoted.delete(fn);
  }

  resign(): void {
    this.#resigning = true;
  }

  async stop(): Promise<void> {
    if (this.#abort.signal.aborted) return this.#loop;
    this.#abort.abort();
    await this.#loop;
    await this.#release('shutting down; lease released');
  }

  async #release(reason: string): Promise<void> {
    const revision = this.#revision;
    if (revision === undefined) return;
    this.#demote(reason);
    try {
      await this.#kv.update(this.key, this.#encode(0), revision);
    } catch (err) {
      this.#log.warn('could not release the lease; another replica takes over once it expires', { reason: errorMessage(err), ttlMs: this.#ttlMs });
    }
  }

  async #run(): Promise<void> {
    this.#log.info('campaigning for leadership', { ttlMs: this.#ttlMs, renewMs: this.#renewMs });
    while (!this.#abort.signal.aborted) {
      try {
        if (this.#resigning) {
          await this.#release('resigned; lease released');
          this.#resigning = false;
        } else if (this.isLeader) await this.#renew();
        else await this.#campaign();
      } catch (err) {
        this.#log.warn('lease check failed; retrying', { reason: errorMessage(err), leader: this.isLeader });
      }
      if (this.isLeader && Date.now() >= this.#expiresAt) this.#demote('could not renew the lease before it ran out');
      try {
        await sleep(this.#renewMs, undefined, { signal: this.#abort.signal });
      } catch {
        return;
      }
    }
  }

  #encode(expiresAt: number): Buffer {
    const lease: Lease = { holder: expiresAt === 0 ? '' : this.holder, expiresAt, ttlMs: this.#ttlMs };
    return Buffer.from(JSON.stringify(lease));
  }

  async #campaign(): Promise<void> {
    const now = Date.now();
    const current = await this.#kv.entry(this.key);
    try {
      if (current === undefined) {
        this.#win(await this.#kv.create(this.key, this.#encode(now + this.#ttlMs)), now, 'no lease');
        return;
      }
      const lease = parseLease(current.value);
      if (lease !== undefined && lease.expiresAt > now && lease.holder !== this.holder) {
        if (this.#lastSeenHolder !== lease.holder) this.#log.info('standing by: another replica leads', { leader: lease.holder });
        this.#lastSeenHolder = lease.holder;
        return;
      }
      const why = lease === undefined ? 'unreadable lease' : lease.holder === '' ? 'lease released' : `lease of ${lease.holder} expired`;
      this.#win(await this.#kv.update(this.key, this.#encode(now + this.#ttlMs), current.revision), now, why);
    } catch (err) {
      if (!isConflict(err)) throw err;
      // another replica won this round; its lease shows up at the next look
    }
  }

  async #renew(): Promise<void> {
    const now = Date.now();
    try {
      this.#revision = await this.#kv.update(this.key, this.#encode(now + this.#ttlMs), this.#revision!);
      this.#expiresAt = now + this.#ttlMs;
    } catch (err) {
      if (!isConflict(err)) throw err;
      this.#demote('another replica took the lease');
    }
  }

  #win(revision: number, now: number, why: string): void {
    this.#revision = revision;
    this.#expiresAt = now + this.#ttlMs;
    this.#lastSeenHolder = undefined;
    this.#log.info('elected leader', { why });
    for (const fn of this.#elected) this.#notify(() => fn());
  }

  #demote(reason: string): void {
    if (this.#revision === undefined) return;
    this.#revision = undefined;
    // giving the lease up on purpose is routine; losing it is worth a warning
    if (this.#abort.signal.aborted || this.#resigning) this.#log.info('no longer leader', { reason });
    else this.#log.warn('no longer leader', { reason });
    for (const fn of this.#demoted) this.#notify(() => fn(reason));
  }

  #notify(call: () => void): void {
    try {
      call();
    } catch (err) {
      this.#log.error('leadership listener failed', { err });
    }
  }
}

/**
 * Runs a part (a sensor, an event source) only while `elector` leads: started on election, stopped on
 * demotion, one change at a time. A part that fails to start is logged and the lease given up, so another
 * replica can try. stop() stops the part and the elector.
 */
export function runWhileLeader(elector: LeaderElector, what: string, start: () => Promise<Stoppable>, log: Logger): Stoppable {
  let running: Stoppable | undefined;
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>): void => {
    queue = queue.then(step).catch((err: unknown) => log.error(`${what}: leadership change failed`, { err }));
  };
  const stopPart = async (): Promise<void> => {
    const part = running;
    running = undefined;
    if (part) {
      await part.stop();
      log.info(`${what} stopped: this replica is standing by`);
    }
  };
  const offElected = elector.onElected(() =>
    enqueue(async () => {
      if (running || !elector.isLeader) return;
      try {
        running = await start();
        log.info(`${what} started: this replica leads`);
      } catch (err) {
        log.error(`${what} failed to start; giving up the lease and campaigning again`, { err });
        elector.resign();
      }
    }),
  );
  const offDemoted = elector.onDemoted(() => enqueue(stopPart));
  return {
    // A standby is ready (it waits, healthy); a leader is as ready as the part it runs.
    notReady: () => running?.notReady?.(),
    async stop() {
      offElected();
      offDemoted();
      await elector.stop();
      enqueue(stopPart);
      await queue;
    },
  };
}
