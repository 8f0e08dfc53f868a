/**
 * Saved events of a trigger whose conditions contain `&&` (Argo's join): the latest event per dependency,
 * kept in the bus's key-value store so a restart loses none.
 *
 * One value per trigger: a header line `J2 [["<dependency>",<bytes>],...]`, then each event's CloudEvent wire
 * JSON, JSON data written as it is (no base64), so an event takes about as many bytes here as on the bus;
 * other data (text, JSON with surrounding whitespace, invalid UTF-8) in base64, so every event reads back exactly.
 * Values saved by earlier versions (a JSON object of base64 wire JSON per dependency) are still read.
 */
import type { KeyValueStore } from '../bus/types.ts';
import { decodeEvent, encodeEvent, encodeSharedEvent } from '../events/envelope.ts';
import { EvalEvent } from './event.ts';

const HEADER = 'J2 ';

export class JoinState {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly key: string,
    /** Told why a saved value cannot be read; the join then starts over, rather than failing every event. */
    private readonly onUnreadable: (reason: string) => void,
  ) {}

  async load(): Promise<Map<string, EvalEvent>> {
    const raw = await this.kv.get(this.key);
    if (!raw) return new Map();
    try {
      return readJoinState(raw);
    } catch (err) {
      this.onUnreadable(`saved join state of ${raw.length} bytes cannot be read (${(err as Error).message}); starting over`);
      return new Map();
    }
  }

  async save(events: ReadonlyMap<string, EvalEvent>): Promise<void> {
    await this.kv.put(this.key, writeJoinState(events));
  }

  async clear(): Promise<void> {
    await this.kv.delete(this.key);
  }

  /** Drops the saved events whose time is before `time`; returns the ids of those dropped. */
  async dropBefore(time: Date): Promise<string[]> {
    const saved = await this.load();
    const dropped = [...saved.values()].filter((ev) => Date.parse(ev.context.time) < time.getTime());
    if (dropped.length === 0) return [];
    const kept = new Map([...saved].filter(([, ev]) => !dropped.includes(ev)));
    if (kept.size === 0) await this.clear();
    else await this.save(kept);
    return dropped.map((ev) => ev.context.id);
  }
}

export function writeJoinState(events: ReadonlyMap<string, EvalEvent>): Buffer {
  // only data that reads back byte for byte is written as it is; anything else goes in base64
  const wire = (ev: EvalEvent): Buffer => (readsBackAsIs(ev.event.data) ? encodeSharedEvent(ev.event) : encodeEvent(ev.event));
  const wires = [...events].map(([dep, ev]) => [dep, wire(ev)] as const);
  const header = `${HEADER}${JSON.stringify(wires.map(([dep, wire]) => [dep, wire.length]))}\n`;
  return Buffer.concat([Buffer.from(header, 'utf8'), ...wires.map(([, wire]) => wire)]);
}

/** A JSON object or array, nothing around it, in valid UTF-8: the envelope's `data` field gives it back exactly. */
function readsBackAsIs(data: Buffer): boolean {
  const last = data[data.length - 1];
  if (last !== 0x7d && last !== 0x5d) return false; // '}' or ']'; the first byte is checked by encodeSharedEvent
  const text = data.toString('utf8');
  if (Buffer.byteLength(text) !== data.length) return false; // invalid UTF-8 would come back changed
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function readJoinState(raw: Buffer): Map<string, EvalEvent> {
  const out = new Map<string, EvalEvent>();
  if (raw.toString('latin1', 0, HEADER.length) !== HEADER) {
    // the earlier format: {"<dependency>": "<base64 of the wire JSON>"}
    const saved = JSON.parse(raw.toString('utf8')) as Record<string, string>;
    for (const [dep, wire] of Object.entries(saved)) out.set(dep, new EvalEvent(decodeEvent(Buffer.from(wire, 'base64'))));
    return out;
  }
  const headerEnd = raw.indexOf(0x0a);
  const sizes = JSON.parse(raw.toString('utf8', HEADER.length, headerEnd)) as Array<[string, number]>;
  let at = headerEnd + 1;
  for (const [dep, bytes] of sizes) {
    out.set(dep, new EvalEvent(decodeEvent(raw.subarray(at, at + bytes))));
    at += bytes;
  }
  return out;
}

/** Runs functions one at a time per key (a trigger's join state is read-modify-write). */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const result = prev.then(fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
