/**
 * On-disk layout of the embedded bus: one LMDB environment `<dir>/bus.mdb` with named sub-databases.
 * overlappingSync is off so that a write promise resolves only after its transaction is synced to disk;
 * lmdb-js still batches every write queued in one event turn into one transaction (group commit).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { SwitchyardError } from '../../errors.ts';

export interface StoredMessage {
  subject: string;
  msgId: string;
  /** Publish time, ms since the epoch. */
  ts: number;
  payload: Buffer;
}

export interface DurableRecord {
  subject: string;
  /** Every sequence at or below this is done for the durable (acked, or not its subject). */
  floor: number;
  createdAt: number;
}

export type DurableSeqKey = [string, number];

export interface Layout {
  env: RootDatabase;
  /** Set once the environment is closing: lmdb-js fails hard on writes to a closed environment. */
  closed: boolean;
  /** seq -> message, as message-codec.ts writes it */
  msgs: Database<Buffer, number>;
  /** 'lastSeq' -> highest sequence ever assigned, so sequences are never reused */
  meta: Database<number, string>;
  durables: Database<DurableRecord, string>;
  /** [durable, seq] -> true: acked above the durable's floor */
  acks: Database<true, DurableSeqKey>;
  /** [durable, seq] -> times delivered, for messages not yet acked */
  deliveries: Database<number, DurableSeqKey>;
  /** "<bucket>/<key>" -> value */
  kv: Database<Buffer, string>;
}

export function openLayout(dir: string): Layout {
  mkdirSync(dir, { recursive: true });
  const env = open({ path: join(dir, 'bus.mdb'), overlappingSync: false, maxDbs: 16 });
  return {
    env,
    closed: false,
    msgs: env.openDB<Buffer, number>('messages', { encoding: 'binary' }),
    meta: env.openDB<number, string>('meta', {}),
    durables: env.openDB<DurableRecord, string>('durables', {}),
    acks: env.openDB<true, DurableSeqKey>('acks', {}),
    deliveries: env.openDB<number, DurableSeqKey>('deliveries', {}),
    kv: env.openDB<Buffer, string>('kv', { encoding: 'binary' }),
  };
}

/**
 * One process owns a bus directory at a time: the in-memory index is authoritative, so a second
 * writer would corrupt sequences. A pid file records the owner; a dead owner's file is taken over.
 */
const ownedHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDir(dir: string): () => void {
  const file = join(dir, 'bus.pid');
  mkdirSync(dir, { recursive: true });
  let owner = NaN;
  try {
    owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch {
    // no owner yet
  }
  const busy = ownedHere.has(file) || (Number.isInteger(owner) && owner !== process.pid && alive(owner));
  if (busy) {
    throw new SwitchyardError(
      'BUS_LOCKED',
      `embedded bus directory ${dir} is in use by process ${ownedHere.has(file) ? process.pid : owner}; ` +
        'stop that process or give this one another data directory',
      { errorClass: 'stop' },
    );
  }
  writeFileSync(file, String(process.pid));
  ownedHere.add(file);
  return () => {
    ownedHere.delete(file);
    rmSync(file, { force: true });
  };
}
