/**
 * Key-value buckets as JetStream KV (stream KV_<bucket>), file storage, one revision per key.
 * JetStream keys allow only letters, digits and `-/_=.`; other keys (and keys starting with '=')
 * are stored as '=' + base64url of the key, so any non-empty string works and keys() returns it intact.
 */
import { Kvm, type KV } from '@nats-io/kv';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { KeyValueStore } from '../types.ts';
import { invalid, unavailable } from './failures.ts';

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

class JetStreamBucket implements KeyValueStore {
  constructor(
    private readonly name: string,
    private readonly kv: KV,
  ) {}

  async get(key: string): Promise<Buffer | undefined> {
    checkKey(key);
    const entry = await this.call(`read key ${key}`, () => this.kv.get(encodeKey(key)));
    if (!entry || entry.operation !== 'PUT') return undefined;
    return Buffer.from(entry.value);
  }

  async put(key: string, value: Buffer): Promise<void> {
    checkKey(key);
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

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw unavailable(`${what} in bucket ${this.name}`, err);
    }
  }
}

export async function openBucket(js: JetStreamClient, bucket: string, replicas: number): Promise<KeyValueStore> {
  if (typeof bucket !== 'string' || !BUCKET.test(bucket)) {
    throw invalid('BUS_KV_BUCKET_INVALID', `bucket name "${bucket}" is invalid: use only letters, digits, '_' and '-'`);
  }
  try {
    const kv = await new Kvm(js).create(bucket, { history: 1, replicas, storage: 'file' });
    return new JetStreamBucket(bucket, kv);
  } catch (err) {
    throw unavailable(`open key-value bucket ${bucket}`, err);
  }
}
