/**
 * Keeps the stream there while the bus runs. Should someone delete it (`nats stream rm default`, a script that
 * resets a test cluster), publishes find no stream and consumers lose their durables; the keeper creates the
 * stream again, with the EventBus settings, so events flow again without a restart. The events the deleted
 * stream held are gone with it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { JetStreamManager } from '@nats-io/jetstream';
import { logger } from '../../observe/log.ts';
import type { StreamSettings } from '../types.ts';
import { ensureStream, existingInfo, wantedStream } from './stream.ts';

const log = logger({ component: 'bus.jetstream' });

/** After one attempt to create the stream again, callers share its outcome for this long. */
const RESTORE_GAP_MS = 1000;
/**
 * How long to wait before creating a missing stream (or key-value bucket): the server removes a deleted
 * stream's files after it answers, and a stream of the same name created meanwhile can lose its store to that
 * removal (nats-server 2.9 then fails the create, or keeps a stream whose consumers never deliver).
 */
const SETTLE_MS = 1000;

/**
 * True, after a wait of SETTLE_MS, if the stream `name` (a key-value bucket's is KV_<bucket>) is missing;
 * false at once if it exists. Anything created in its place after true must wait no longer.
 */
export async function settledIfMissing(jsm: JetStreamManager, name: string): Promise<boolean> {
  if ((await existingInfo(jsm, name)) !== undefined) return false;
  await sleep(SETTLE_MS);
  return true;
}

/**
 * Wraps `attempt` so that callers share the attempt under way, and its outcome for RESTORE_GAP_MS after it
 * ends: many failing calls at once lead to one attempt to create what is missing, not one each.
 */
export function sharedAttempt<T>(attempt: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    if (running === undefined) {
      running = attempt().finally(() => {
        setTimeout(() => (running = undefined), RESTORE_GAP_MS).unref();
      });
    }
    return running;
  };
}

export interface StreamIdentity {
  /** Whether the server is clustered (decides the replicas a stream can have). */
  clustered: boolean;
  /** When the stream this bus set up was created. */
  created: string;
}

export class StreamKeeper {
  private created: string;

  constructor(
    private readonly jsm: JetStreamManager,
    private readonly settings: Readonly<StreamSettings>,
    private readonly identity: StreamIdentity,
  ) {
    this.created = identity.created;
  }

  /**
   * Creates the stream again if it is missing (one attempt at a time, at most one a second); resolves once
   * it exists, whoever created it. Throws what the server answered should that fail.
   */
  readonly restore = sharedAttempt(() => this.ensure());

  /** When the stream was created, creating it again first if it is missing. */
  async current(): Promise<string> {
    const info = await existingInfo(this.jsm, this.settings.name);
    if (info !== undefined) {
      this.learn(info.created);
      return info.created;
    }
    await this.restore();
    return this.created;
  }

  private async ensure(): Promise<void> {
    await settledIfMissing(this.jsm, this.settings.name);
    const ensured = await ensureStream(this.jsm, wantedStream(this.settings), this.identity.clustered);
    this.learn(ensured.created);
  }

  private learn(created: string): void {
    if (created === this.created) return;
    log.warn('the JetStream stream was deleted and has been created again; the events it held are gone', {
      stream: this.settings.name,
      created,
    });
    this.created = created;
  }
}
