/** Durable key-value buckets, all in one sub-database under "<bucket>/<key>". */
import type { KeyValueStore } from '../types.ts';
import { invalid, unavailable } from './failures.ts';
import type { Layout } from './layout.ts';

const BUCKET = /^[a-zA-Z0-9_-]+$/;
const MAX_KEY_BYTES = 1024;

export function checkBucket(bucket: string): void {
  if (typeof bucket !== 'string' || !BUCKET.test(bucket)) {
    throw invalid('BUS_BUCKET_INVALID', `key-value bucket name "${bucket}" is invalid: use only letters, digits, '_' and '-'`);
  }
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key === '' || Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw invalid('BUS_KEY_INVALID', `key-value key must be a non-empty string of at most ${MAX_KEY_BYTES} bytes`);
  }
}

export function openBucket(db: Layout, bucket: string): KeyValueStore {
  checkBucket(bucket);
  const prefix = `${bucket}/`;
  // '0' follows '/' in byte order, so [prefix, end) holds exactly this bucket's keys.
  const end = `${bucket}0`;
  const guard = (what: string): void => {
    if (db.closed) throw unavailable(`${what} in bucket ${bucket}: the bus is closed`);
  };
  return {
    async get(key) {
      guard('read a key');
      checkKey(key);
      return db.kv.get(prefix + key);
    },
    async put(key, value) {
      guard('write a key');
      checkKey(key);
      try {
        await db.kv.put(prefix + key, value);
      } catch (err) {
        throw unavailable(`write key ${key} in bucket ${bucket}`, err);
      }
    },
    async delete(key) {
      guard('delete a key');
      checkKey(key);
      try {
        await db.kv.remove(prefix + key);
      } catch (err) {
        throw unavailable(`delete key ${key} in bucket ${bucket}`, err);
      }
    },
    async keys() {
      guard('list keys');
      return Array.from(db.kv.getKeys({ start: prefix, end }), (k) => k.slice(prefix.length));
    },
  };
}
