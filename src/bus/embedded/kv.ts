/**
 * Durable key-value buckets, all in one sub-database under "<bucket>/<key>".
 * Revisions live beside the values under keys containing a NUL byte, which no bucket name can hold, so they
 * never fall inside a bucket's "<bucket>/" key range: "<bucket>\0rev\0<key>" per key and "<bucket>\0seq" for
 * the bucket's last revision (kept after deletes, so a revision is never handed out twice).
 * Values written before revisions existed read as revision 0.
 */
import { SwitchyardError } from '../../errors.ts';
import { KV_CONFLICT, type KeyValueEntry, type KeyValueStore } from '../types.ts';
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

function encodeRevision(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return b;
}

function decodeRevision(b: Buffer | undefined): number {
  return b !== undefined && b.length === 8 ? b.readDoubleBE(0) : 0;
}

function conflict(bucket: string, key: string, why: string): SwitchyardError {
  return new SwitchyardError(KV_CONFLICT, `key ${key} in bucket ${bucket} ${why}`, { errorClass: 'retry' });
}

export function openBucket(db: Layout, bucket: string): KeyValueStore {
  checkBucket(bucket);
  const prefix = `${bucket}/`;
  // '0' follows '/' in byte order, so [prefix, end) holds exactly this bucket's keys.
  const end = `${bucket}0`;
  const seqKey = `${bucket}\0seq`;
  const revKey = (key: string): string => `${bucket}\0rev\0${key}`;
  const guard = (what: string): void => {
    if (db.closed) throw unavailable(`${what} in bucket ${bucket}: the bus is closed`);
  };
  const readEntry = (key: string): KeyValueEntry | undefined => {
    const value = db.kv.get(prefix + key);
    return value === undefined ? undefined : { value, revision: decodeRevision(db.kv.get(revKey(key))) };
  };
  /** Writes inside the caller's transaction and returns the new revision. */
  const writeSync = (key: string, value: Buffer): number => {
    const revision = decodeRevision(db.kv.get(seqKey)) + 1;
    db.kv.putSync(seqKey, encodeRevision(revision));
    db.kv.putSync(revKey(key), encodeRevision(revision));
    db.kv.putSync(prefix + key, value);
    return revision;
  };
  // lmdb-js runs transaction callbacks one after another inside the write transaction: read-check-write is atomic.
  const transact = async <T>(what: string, action: () => T): Promise<T> => {
    guard(what);
    try {
      return await db.env.transaction(action);
    } catch (err) {
      if (err instanceof SwitchyardError && err.code === KV_CONFLICT) throw err;
      throw unavailable(`${what} in bucket ${bucket}`, err);
    }
  };
  return {
    async get(key) {
      guard('read a key');
      checkKey(key);
      return db.kv.get(prefix + key);
    },
    async entry(key) {
      guard('read a key');
      checkKey(key);
      return readEntry(key);
    },
    async put(key, value) {
      checkKey(key);
      await transact(`write key ${key}`, () => writeSync(key, value));
    },
    async create(key, value) {
      checkKey(key);
      return transact(`create key ${key}`, () => {
        if (db.kv.get(prefix + key) !== undefined) throw conflict(bucket, key, 'already exists');
        return writeSync(key, value);
      });
    },
    async update(key, value, revision) {
      checkKey(key);
      return transact(`update key ${key}`, () => {
        const current = readEntry(key);
        if (current === undefined) throw conflict(bucket, key, `does not exist (expected revision ${revision})`);
        if (current.revision !== revision) throw conflict(bucket, key, `is at revision ${current.revision}, not ${revision}`);
        return writeSync(key, value);
      });
    },
    async delete(key) {
      checkKey(key);
      await transact(`delete key ${key}`, () => {
        db.kv.removeSync(prefix + key);
        db.kv.removeSync(revKey(key));
      });
    },
    async keys() {
      guard('list keys');
      return Array.from(db.kv.getKeys({ start: prefix, end }), (k) => k.slice(prefix.length));
    },
  };
}
