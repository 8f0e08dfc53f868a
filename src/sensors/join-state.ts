/**
 * Saved events of a trigger whose conditions contain `&&` (Argo's join): the latest event per dependency,
 * kept in the bus's key-value store so a restart loses none. Serialised as Argo's CloudEvent wire JSON.
 */
import type { KeyValueStore } from '../bus/types.ts';
import { decodeEvent, encodeEvent } from '../events/envelope.ts';
import { EvalEvent } from './event.ts';

export class JoinState {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly key: string,
  ) {}

  async load(): Promise<Map<string, EvalEvent>> {
    const raw = await this.kv.get(this.key);
    const out = new Map<string, EvalEvent>();
    if (!raw) return out;
    const saved = JSON.parse(raw.toString('utf8')) as Record<string, string>;
    for (const [dep, wire] of Object.entries(saved)) out.set(dep, new EvalEvent(decodeEvent(Buffer.from(wire, 'base64'))));
    return out;
  }

  async save(events: ReadonlyMap<string, EvalEvent>): Promise<void> {
    const saved: Record<string, string> = {};
    for (const [dep, ev] of events) saved[dep] = encodeEvent(ev.event).toString('base64');
    await this.kv.put(this.key, Buffer.from(JSON.stringify(saved)));
  }

  async clear(): Promise<void> {
    await this.kv.delete(this.key);
  }
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
