/**
 * A local store of rendered objects for standalone mode: the Workflows and Kubernetes objects that
 * triggers create when there is no cluster. It is one LMDB environment `<dir>/objects.mdb`, written by
 * `switchyard run` and readable at the same time by other processes (`switchyard get`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { SwitchyardError } from '../errors.ts';

export interface StoredObject {
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
  createdAt: string;
  object: Record<string, unknown>;
}

export interface ObjectStore {
  /** Stores a new object; resolves metadata.generateName; fails with OBJECT_EXISTS if kind/namespace/name is taken. */
  create(obj: Record<string, unknown>): Promise<StoredObject>;
  /** Creates or replaces; a replaced object keeps its uid, creationTimestamp and place in creation order. */
  put(obj: Record<string, unknown>): Promise<StoredObject>;
  get(kind: string, namespace: string, name: string): Promise<StoredObject | undefined>;
  /** All objects (of one kind if given), oldest first. */
  list(kind?: string): Promise<StoredObject[]>;
  delete(kind: string, namespace: string, name: string): Promise<boolean>;
  close(): Promise<void>;
}

interface Row {
  /** Creation order. */
  order: number;
  stored: StoredObject;
}

type RowKey = [string, string, string];

/** Kubernetes' generateName suffix: 5 characters without vowels or look-alike digits. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_GENERATED_PREFIX = 63 - 5;
const GENERATE_TRIES = 8;

export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[randomInt(NAME_ALPHABET.length)];
  return prefix.slice(0, MAX_GENERATED_PREFIX) + suffix;
}

function fail(code: string, message: string, errorClass: 'retry' | 'poison' | 'stop', cause?: unknown): SwitchyardError {
  return new SwitchyardError(code, message, cause === undefined ? { errorClass } : { errorClass, cause });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Parsed {
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string | undefined;
  generateName: string | undefined;
  object: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

function parse(obj: Record<string, unknown>): Parsed {
  if (!isRecord(obj)) throw fail('OBJECT_INVALID', 'an object to store must be a JSON object', 'poison');
  const object = structuredClone(obj);
  const { kind, apiVersion } = object;
  const metadata = isRecord(object['metadata']) ? object['metadata'] : {};
  object['metadata'] = metadata;
  const name = typeof metadata['name'] === 'string' && metadata['name'] !== '' ? metadata['name'] : undefined;
  const gen = typeof metadata['generateName'] === 'string' && metadata['generateName'] !== '' ? metadata['generateName'] : undefined;
  if (typeof kind !== 'string' || kind === '' || typeof apiVersion !== 'string' || apiVersion === '') {
    throw fail('OBJECT_INVALID', 'an object to store needs string fields kind and apiVersion', 'poison');
  }
  if (name === undefined && gen === undefined) {
    throw fail('OBJECT_INVALID', `${kind} needs metadata.name or metadata.generateName`, 'poison');
  }
  const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : '';
  return { kind, apiVersion, namespace, name, generateName: gen, object, metadata };
}

/** Kubernetes writes creationTimestamp in RFC 3339 with whole seconds. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

class LmdbObjectStore implements ObjectStore {
  private closed = false;

  constructor(
    private readonly env: RootDatabase,
    private readonly rows: Database<Row, RowKey>,
    private readonly counters: Database<number, string>,
    private readonly readOnly: boolean,
  ) {}

  create(obj: Record<string, unknown>): Promise<StoredObject> {
    return this.write(obj, false);
  }

  put(obj: Record<string, unknown>): Promise<StoredObject> {
    return this.write(obj, true);
  }

  async get(kind: string, namespace: string, name: string): Promise<StoredObject | undefined> {
    this.fresh();
    return this.rows.get([kind, namespace, name])?.stored;
  }

  async list(kind?: string): Promise<StoredObject[]> {
    this.fresh();
    const range = kind === undefined ? this.rows.getRange() : this.rows.getRange({ start: [kind], end: [kind, '\uffff'] });
    const rows: Row[] = [];
    for (const { key, value } of range) if (kind === undefined || key[0] === kind) rows.push(value);
    return rows.sort((a, b) => a.order - b.order).map((r) => r.stored);
  }

  async delete(kind: string, namespace: string, name: string): Promise<boolean> {
    this.writable();
    try {
      const key: RowKey = [kind, namespace, name];
      return await this.rows.transaction(() => {
        if (this.rows.get(key) === undefined) return false;
        this.rows.remove(key);
        return true;
      });
    } catch (err) {
      throw fail('OBJECT_STORE_UNAVAILABLE', `could not delete ${kind} ${namespace}/${name}; retry later`, 'retry', err);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.env.close();
  }

  /** A reader in another process sees the writer's commits only from a new read transaction. */
  private fresh(): void {
    if (this.closed) throw fail('OBJECT_STORE_CLOSED', 'the object store is closed', 'stop');
    this.rows.resetReadTxn();
  }

  private writable(): void {
    if (this.closed) throw fail('OBJECT_STORE_CLOSED', 'the object store is closed', 'stop');
    if (this.readOnly) throw fail('OBJECT_STORE_READONLY', 'the object store was opened read-only', 'stop');
  }

  private async write(obj: Record<string, unknown>, replace: boolean): Promise<StoredObject> {
    this.writable();
    const p = parse(obj);
    const now = new Date();
    let result: StoredObject | undefined;
    try {
      // The callback runs inside the write transaction, so check-then-put is atomic across processes.
      result = await this.rows.transaction(() => {
        const name = p.name ?? this.freeName(p);
        if (name === undefined) return undefined;
        const key: RowKey = [p.kind, p.namespace, name];
        const existing = this.rows.get(key);
        if (existing && !replace) return undefined;
        const meta = p.metadata;
        meta['name'] = name;
        if (existing) {
          const old = existing.stored.object['metadata'];
          meta['uid'] = isRecord(old) ? old['uid'] : randomUUID();
          meta['creationTimestamp'] = existing.stored.createdAt;
        } else {
          meta['uid'] = randomUUID();
          meta['creationTimestamp'] = timestamp(now);
        }
        const createdAt = String(meta['creationTimestamp']);
        const stored: StoredObject = { kind: p.kind, apiVersion: p.apiVersion, namespace: p.namespace, name, createdAt, object: p.object };
        let order = existing?.order;
        if (order === undefined) {
          order = (this.counters.get('order') ?? 0) + 1;
          this.counters.put('order', order);
        }
        this.rows.put(key, { order, stored });
        return stored;
      });
    } catch (err) {
      throw fail('OBJECT_STORE_UNAVAILABLE', `could not store ${p.kind} ${p.name ?? p.generateName ?? ''}; retry later`, 'retry', err);
    }
    if (!result) {
      const what = p.name ?? `${p.generateName ?? ''}*`;
      throw fail('OBJECT_EXISTS', `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${what} already exists`, 'poison');
    }
    return result;
  }

  private freeName(p: Parsed): string | undefined {
    for (let i = 0; i < GENERATE_TRIES; i++) {
      const name = generateName(p.generateName ?? '');
      if (this.rows.get([p.kind, p.namespace, name]) === undefined) return name;
    }
    return undefined;
  }
}

/**
 * Opens the store in dir (created if missing). With readOnly, the store must exist already
 * (OBJECT_STORE_MISSING otherwise) and writes fail with OBJECT_STORE_READONLY.
 */
export async function openObjectStore(dir: string, options: { readOnly?: boolean } = {}): Promise<ObjectStore> {
  const readOnly = options.readOnly === true;
  const path = join(dir, 'objects.mdb');
  if (readOnly && !existsSync(path)) {
    throw fail('OBJECT_STORE_MISSING', `no object store at ${path}: nothing has been created there yet (is the data directory right?)`, 'stop');
  }
  if (!readOnly) mkdirSync(dir, { recursive: true });
  let env: RootDatabase;
  try {
    env = open({ path, overlappingSync: false, maxDbs: 4, readOnly });
  } catch (err) {
    throw fail('OBJECT_STORE_UNAVAILABLE', `could not open the object store at ${path}`, 'retry', err);
  }
  const rows = env.openDB<Row, RowKey>('objects', {});
  const counters = env.openDB<number, string>('counters', {});
  return new LmdbObjectStore(env, rows, counters, readOnly);
}
