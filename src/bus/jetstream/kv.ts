/**
 * Key-value buckets as JetStream KV (stream KV_<bucket>), file storage, one revision per key.
 * JetStream keys allow only letters, digits and `-/_=.`; other keys (and keys starting with '=')
 * are stored as '=' + base64url of the key, so any non-empty string works and keys() returns it intact.
 * A bucket deleted on the server while in use is created again at the next call that fails for it.
 */
import { Kvm, type KV } from '@nats-io/kv';
import { JetStreamApiCodes, JetStreamApiError, type JetStreamClient } from '@nats-io/jetstream';
import { SwitchyardError } from '../../errors.ts';
import { KV_CONFLICT, type KeyValueEntry, type KeyValueStore } from '../types.ts';
import { logger } from '../../observe/log.ts';
import { invalid, isMaxPayloadError, tooLarge, unavailable } from './failures.ts';
import { settledIfMissing, sharedAttempt } from './stream-keeper.ts';

const log = logger({ component: 'bus.jetstream' });

const BUCKET = /^[a-zA-Z0-9_-]+$/;
const PLAIN_KEY = /^[-/_.a-zA-Z0-9][-/=_.a-zA-Z0-9]*$/;

export function encodeKey(key: string): string {
  if (PLAIN_KEY.test(key) && !key.startsWith('.') && !key.endsWith('.') && !key.includes('..')) return key;
  return `=${Buffer.from(key, 'utf8').toString('base64url')}`;
}

export function decodeKey(stored: string): string {
  return stored.startsWith('=') ? Buffer.from(stored.slice(1), 'base64url').toString('utf8') : stored;
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key === '') throw invalid('BUS_KV_KEY_INVALID', 'key-value key must be a non-empty string');
}

/** JetStream's answer to a write whose expected last revision of the key does not match. */
function isWrongRevision(err: unknown): boolean {
  return (
    err instanceof JetStreamApiError &&
    (err.code === JetStreamApiCodes.StreamWrongLastSequence || err.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}

class JetStreamBucket implements KeyValueStore {
  /** True once the bucket, found deleted, has been created again (one attempt at a time, shared). */
  private readonly restored = sharedAttempt(async (): Promise<boolean> => {
    try {
      const kv = await this.reopen();
      if (kv !== undefined) this.kv = kv;
      return kv !== undefined;
    } catch (err) {
      log.warn('could not check for, or create again, a deleted key-value bucket', { bucket: this.name, err });
      return false;
    }
  });

  constructor(
    private readonly name: string,
    private kv: KV,
    /** The NATS server's max_payload, once connected. */
    private readonly maxPayload: () => number | undefined,
    /** Creates the bucket again if it was deleted, returning its new handle; undefined when it exists. */
    private readonly reopen: () => Promise<KV | undefined>,
  ) {}

  async get(key: string): Promise<Buffer | undefined> {
    checkKey(key);
    const entry = await this.call(`read key ${key}`, () => this.kv.get(encodeKey(key)));
    if (!entry || entry.operation !== 'PUT') return undefined;
    return Buffer.from(entry.value);
  }

  async entry(key: string): Promise<KeyValueEntry | undefined> {
    checkKey(key);
    const entry = await this.call(`read key ${key}`, () => this.kv.get(encodeKey(key)));
    if (!entry || entry.operation !== 'PUT') return undefined;
    return { value: Buffer.from(entry.value), revision: entry.revision };
  }

  async create(key: string, value: Buffer): Promise<number> {
    checkKey(key);
    this.checkSize(key, value);
    return this.call(`create key ${key}`, () => this.kv.create(encodeKey(key), value));
  }

  async update(key: string, value: Buffer, revision: number): Promise<number> {
    checkKey(key);
    // NATS refuses revision 0; no stored key has it, so it can only be a conflict
    if (!(revision > 0)) throw new SwitchyardError(KV_CONFLICT, `key ${key} in bucket ${this.name} is not at revision ${revision}`, { errorClass: 'retry' });
    this.checkSize(key, value);
    return this.call(`update key ${key}`, () => this.kv.update(encodeKey(key), value, revision));
  }

  async put(key: string, value: Buffer): Promise<void> {
    checkKey(key);
    this.checkSize(key, value);
    await this.call(`write key ${key}`, () => this.kv.put(encodeKey(key), value));
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    // purge rather than delete: it also drops the old value from the stream
    await this.call(`delete key ${key}`, () => this.kv.purge(encodeKey(key)));
  }

  async keys(): Promise<string[]> {
    return this.call('list keys', async () => {
      const out: string[] = [];
      for await (const k of await this.kv.keys()) out.push(decodeKey(k));
      return out;
    });
  }

  private checkSize(key: string, value: Buffer): void {
    const max = this.maxPayload();
    if (max !== undefined && value.length > max) throw tooLarge(`the value of key ${key} in bucket ${this.name}`, max, value.length);
  }

  /** Runs fn; should the bucket have been deleted on the server, creates it again and runs fn once more. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isMaxPayloadError(err) || isWrongRevision(err) || !(await this.restored())) throw this.failure(what, err);
    }
    try {
      return await fn();
    } catch (err) {
      throw this.failure(what, err);
    }
  }

  private failure(what: string, err: unknown): SwitchyardError {
    if (isMaxPayloadError(err)) return tooLarge(`the value to ${what} in bucket ${this.name}`, this.maxPayload());
    if (isWrongRevision(err)) return new SwitchyardError(KV_CONFLICT, `could not ${what} in bucket ${this.name}: another writer changed it first`, { errorClass: 'retry', cause: err });
    return unavailable(`${what} in bucket ${this.name}`, err);
  }
}

export async function openBucket(js: JetStreamClient, bucket: string, replicas: number, maxPayload: () => number | undefined): Promise<KeyValueStore> {
  if (typeof bucket !== 'string' || !BUCKET.test(bucket)) {
    throw invalid('BUS_KV_BUCKET_INVALID', `bucket name "${bucket}" is invalid: use only letters, digits, '_' and '-'`);
  }
  const create = (): Promise<KV> => new Kvm(js).create(bucket, { history: 1, replicas, storage: 'file' });
  const reopen = async (): Promise<KV | undefined> => {
    if (!(await settledIfMissing(await js.jetstreamManager(false), `KV_${bucket}`))) return undefined;
    const kv = await create();
    log.warn('the key-value bucket was deleted and has been created again; the keys it held are gone', { bucket });
    return kv;
  };
  try {
    return new JetStreamBucket(bucket, await create(), maxPayload, reopen);
  } catch (err) {
    throw unavailable(`open key-value bucket ${bucket}`, err);
  }
}
