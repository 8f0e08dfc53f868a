/**
 * The message stream: sequence assignment, the duplicates window, and retention that never drops a
 * message a durable consumer still has to ack. The in-memory index mirrors the `msgs` database.
 */
import type { PublishResult, StreamSettings } from '../types.ts';
import { background, full, unavailable } from './failures.ts';
import type { Layout, StoredMessage } from './layout.ts';
import { Fifo } from '../fifo.ts';
import { IdWindow } from './id-window.ts';
import { decodeMessage, encodeMessage } from './message-codec.ts';
import { upgradeStore } from './upgrade.ts';
import { logger } from '../../observe/log.ts';

const log = logger({ component: 'bus.embedded' });

export interface MessageMeta {
  readonly seq: number;
  readonly subject: string;
  readonly msgId: string;
  readonly ts: number;
  readonly size: number;
  /** False until the message's transaction is on disk; consumers never look past such a message. */
  committed: boolean;
  /** Durable consumers whose subject matches and that have not acked it. */
  waiting: number;
  /** The payload as published, kept while it fits the cache so delivery need not read and decode it. */
  payload: Buffer | undefined;
}

/** Most payload bytes kept in memory for delivery; past it, consumers read messages from the store. */
export const PAYLOAD_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Most message ids remembered for the duplicates window (under 10 MB in the ring). Past it the oldest are forgotten
 * before the window ends: at 10,000 events/s a 5-minute window would otherwise hold 3 million ids (over
 * 500 MB). Event sources' ids (PublishOptions.uniqueId) never enter it.
 */
export const MAX_DUPLICATE_IDS = 100_000;

/**
 * Sequences reserved on disk at a time. The stored `lastSeq` runs ahead of the sequences handed out, so it
 * is written once per block instead of once per publish; a restart skips the reserved numbers not used.
 */
export const SEQ_BLOCK = 1024;

export interface EmbeddedBusStats {
  /** Messages stored (including ones still being committed). */
  messages: number;
  bytes: number;
  lastSeq: number;
}

export interface StreamHooks {
  /** How many durable consumers would have to ack a message on this subject. */
  interested(subject: string): number;
  /** A message's transaction finished (committed or failed). */
  settled(meta: MessageMeta): void;
}

export class Stream {
  readonly metas = new Map<number, MessageMeta>();
  /** Messages no consumer waits for, oldest first: the only ones retention may discard. */
  private readonly unclaimed = new Fifo<number, MessageMeta>();
  /** Message ids seen within the duplicates window, oldest first. */
  private readonly dedupIds = new IdWindow(MAX_DUPLICATE_IDS);
  private readonly publishing = new Map<string, Promise<PublishResult>>();
  /** The highest sequence reserved on disk (stored as `lastSeq`), or being reserved. */
  private reservedSeq = 0;
  /** The reservation's write while it is not yet on disk. */
  private reservation: Promise<unknown> | undefined;
  private cachedBytes = 0;
  lastSeq = 0;
  private count = 0;
  private bytes = 0;
  private closed = false;

  constructor(
    private readonly db: Layout,
    readonly settings: Readonly<StreamSettings>,
    private readonly hooks: StreamHooks,
  ) {}

  /** Rebuilds the index from disk; `waiting` is filled in by the caller once durables are loaded. */
  load(): void {
    const upgraded = upgradeStore(this.db);
    if (upgraded > 0) log.info('moved stored messages to the current format', { messages: upgraded });
    this.lastSeq = this.db.meta.get('lastSeq') ?? 0;
    for (const { key, value: bytes } of this.db.msgs.getRange()) {
      let value: StoredMessage;
      try {
        value = decodeMessage(bytes);
      } catch (err) {
        // Left on disk (a version that can read it may still deliver it) but out of the index, so no consumer
        // waits on it and it never blocks the others.
        log.error('stored message cannot be read; skipped', { seq: key, err });
        if (key > this.lastSeq) this.lastSeq = key;
        continue;
      }
      const meta: MessageMeta = {
        seq: key,
        subject: value.subject,
        msgId: value.msgId,
        ts: value.ts,
        size: sizeOf(value.subject, value.msgId, value.payload),
        committed: true,
        waiting: 0,
        payload: undefined,
      };
      this.metas.set(key, meta);
      this.count++;
      this.bytes += meta.size;
      if (key > this.lastSeq) this.lastSeq = key;
    }
    // The duplicates window is rebuilt from the messages still stored (see docs/bus/embedded.md).
    const now = Date.now();
    const ids = [...this.metas.values()].filter((m) => m.msgId !== '' && now - m.ts < this.settings.duplicatesMs);
    ids.sort((a, b) => a.ts - b.ts);
    for (const m of ids) this.dedupIds.remember(m.msgId, m.seq, m.ts);
    this.reservedSeq = this.lastSeq;
  }

  /** Called after load() and waiting counts are known. */
  indexUnclaimed(): void {
    for (const meta of this.metas.values()) if (meta.waiting === 0) this.unclaimed.set(meta.seq, meta);
  }

  close(): void {
    this.closed = true;
  }

  /**
   * On a clean shutdown, after the last publish: stores the last sequence handed out rather than the block
   * reserved, so the next run continues without a gap (only a crash skips the rest of a block).
   */
  saveLastSeq(): Promise<unknown> {
    if (this.db.closed || this.reservedSeq === this.lastSeq) return Promise.resolve();
    this.reservedSeq = this.lastSeq;
    return this.db.meta.put('lastSeq', this.lastSeq);
  }

  stats(): EmbeddedBusStats {
    return { messages: this.count, bytes: this.bytes, lastSeq: this.lastSeq };
  }

  /** `uniqueId`: see PublishOptions; such an id is left out of the duplicates window. */
  publish(subject: string, payload: Buffer, msgId: string, uniqueId = false): Promise<PublishResult> {
    if (this.closed || this.db.closed) return Promise.reject(unavailable('publish: the bus is closed'));
    const now = Date.now();
    this.expireIds(now);
    const windowed = msgId !== '' && !uniqueId;
    if (windowed) {
      const inflight = this.publishing.get(msgId);
      if (inflight) return inflight.then((r) => ({ seq: r.seq, duplicate: true }));
      const seen = this.dedupIds.seqOf(msgId, now - this.settings.duplicatesMs + 1);
      if (seen >= 0) return Promise.resolve({ seq: seen, duplicate: true });
    }
    const size = sizeOf(subject, msgId, payload);
    this.discardExpired(now);
    this.makeRoom(size);
    const seq = ++this.lastSeq;
    const waiting = this.hooks.interested(subject);
    const cache = waiting > 0 && this.cachedBytes + payload.length <= PAYLOAD_CACHE_BYTES;
    const meta: MessageMeta = { seq, subject, msgId, ts: now, size, committed: false, waiting, payload: cache ? payload : undefined };
    if (cache) this.cachedBytes += payload.length;
    this.metas.set(seq, meta);
    this.count++;
    this.bytes += size;
    if (meta.waiting === 0) this.unclaimed.set(seq, meta);
    let written: Promise<unknown>;
    try {
      // Queued in one event turn, the writes land in one transaction (shared with concurrent publishes).
      const put = this.db.msgs.put(seq, encodeMessage(subject, msgId, now, payload));
      const reservation = this.reserve(seq);
      // lmdb-js gives every write of one transaction the same promise: most often there is one to wait for
      written = reservation === undefined || reservation === put ? put : Promise.all([put, reservation]);
    } catch (err) {
      this.drop(meta);
      return Promise.reject(unavailable(`store message ${seq} on ${subject}`, err));
    }
    // Remembered now, in publish order (writes may settle out of order); `publishing` answers for it until then.
    if (windowed) this.dedupIds.remember(msgId, seq, now);
    const done = written.then(
      (): PublishResult => {
        meta.committed = true;
        if (windowed) this.publishing.delete(msgId);
        this.hooks.settled(meta);
        return { seq, duplicate: false };
      },
      (err: unknown): never => {
        if (windowed) {
          this.publishing.delete(msgId);
          this.dedupIds.forget(msgId, seq);
        }
        if (this.metas.get(seq) === meta) this.drop(meta);
        this.hooks.settled(meta);
        throw unavailable(`store message ${seq} on ${subject}`, err);
      },
    );
    if (windowed) this.publishing.set(msgId, done);
    return done;
  }

  /** Deletes a message: every consumer that wanted it has acked, or retention discards it. */
  remove(meta: MessageMeta): void {
    if (this.metas.get(meta.seq) !== meta) return;
    this.drop(meta);
    if (!this.db.closed) background(this.db.msgs.remove(meta.seq), `delete message ${meta.seq}`);
  }

  /** A durable created with deliverPolicy 'all' now waits for this message. */
  claim(meta: MessageMeta): void {
    meta.waiting++;
    this.unclaimed.delete(meta.seq);
  }

  /** A durable no longer waits for this message (acked, or the durable was removed). */
  release(meta: MessageMeta): void {
    meta.waiting--;
    if (meta.waiting <= 0) this.remove(meta);
  }

  /** Age limit: runs on publish and on a timer. Messages awaiting an ack are kept past it. */
  discardExpired(now: number): void {
    if (this.settings.maxAgeMs <= 0 || this.db.closed) return;
    for (let oldest = this.unclaimed.oldest(); oldest !== undefined; oldest = this.unclaimed.oldest()) {
      if (now - oldest.value.ts < this.settings.maxAgeMs) break;
      this.remove(oldest.value);
    }
  }

  private makeRoom(size: number): void {
    const { maxMsgs, maxBytes } = this.settings;
    const tooMany = (): boolean => maxMsgs >= 0 && this.count + 1 > maxMsgs;
    const tooBig = (): boolean => maxBytes >= 0 && this.bytes + size > maxBytes;
    while (tooMany() || tooBig()) {
      const oldest = this.unclaimed.oldest();
      if (oldest === undefined) {
        throw full(tooMany() ? `${this.count} messages, maxMsgs ${maxMsgs}` : `${this.bytes} + ${size} bytes, maxBytes ${maxBytes}`);
      }
      this.remove(oldest.value);
    }
  }

  /**
   * Sequences are never reused (a durable's acks and floor refer to them), so a block of them is reserved on
   * disk before use. Returns the reservation's write while it is not yet on disk: a publish waits for it too,
   * and fails with it. Once it failed, the next publish reserves again.
   */
  private reserve(seq: number): Promise<unknown> | undefined {
    if (seq <= this.reservedSeq) return this.reservation;
    const durable = this.reservedSeq;
    const reserved = seq + SEQ_BLOCK - 1;
    const write = this.db.meta.put('lastSeq', reserved);
    this.reservedSeq = reserved;
    this.reservation = write;
    write.then(
      () => {
        if (this.reservation === write) this.reservation = undefined;
      },
      () => {
        // every publish that waited on it fails with it; none left waiting is not an error
        if (this.reservation !== write) return;
        this.reservation = undefined;
        this.reservedSeq = durable;
      },
    );
    return write;
  }

  private drop(meta: MessageMeta): void {
    if (meta.payload !== undefined) {
      this.cachedBytes -= meta.payload.length;
      meta.payload = undefined;
    }
    this.metas.delete(meta.seq);
    this.unclaimed.delete(meta.seq);
    this.count--;
    this.bytes -= meta.size;
  }

  /** Ids seen duplicatesMs or longer ago are forgotten (a message is a duplicate while now - ts < duplicatesMs). */
  private expireIds(now: number): void {
    this.dedupIds.expire(now - this.settings.duplicatesMs + 1);
  }
}

function sizeOf(subject: string, msgId: string, payload: Buffer): number {
  return payload.length + subject.length + msgId.length;
}
