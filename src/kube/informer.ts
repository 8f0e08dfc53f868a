/**
 * Keeps a local copy of one collection in step with the server and reports changes: list (paged), then watch
 * from the list's version with bookmarks. After 410 Gone or a dropped connection it lists again and reports only
 * real differences against what it already reported, so nothing is reported twice and nothing missed during an
 * outage is lost. A change enters the copy only once `onChange` resolved, so a failed hand-off is reported
 * again after the next list.
 */
import { SwitchyardError, errorMessage } from '../errors.ts';
import type { Logger } from '../observe/log.ts';
import type { KubeClient } from './client.ts';
import type { KubeObject, ResourceRef, WatchEvent } from './types.ts';

export type ChangeType = 'ADD' | 'UPDATE' | 'DELETE';

export interface Change {
  type: ChangeType;
  object: KubeObject;
  /** The previous state for UPDATE; null otherwise. */
  old: KubeObject | null;
}

export type InformerState = 'starting' | 'listing' | 'watching' | 'backoff' | 'stopped';

export interface InformerOptions {
  client: KubeClient;
  ref: ResourceRef;
  labelSelector?: string;
  /** Receives changes one at a time; a rejection makes the informer back off and list again. */
  onChange(change: Change): Promise<void>;
  log: Logger;
  /** First and longest wait between failed attempts; 500 ms and 30 s unless told. */
  backoffMs?: { initial: number; max: number };
  /** How long one watch request lasts before it is renewed; 300 s unless told. */
  watchTimeoutSeconds?: number;
}

export const objectKey = (o: KubeObject): string => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
const rv = (o: KubeObject | undefined): string | undefined => o?.metadata?.resourceVersion;

export class Informer {
  private readonly opts: InformerOptions;
  private readonly cache = new Map<string, KubeObject>();
  private readonly abort = new AbortController();
  private stateValue: InformerState = 'starting';
  private running: Promise<void> | undefined;
  private readyWaiters: Array<() => void> = [];
  /** The last error, until the informer is watching again. */
  lastError: SwitchyardError | undefined;

  constructor(opts: InformerOptions) {
    this.opts = opts;
  }

  get state(): InformerState {
    return this.stateValue;
  }

  /** Listed and watching: every change from now on is reported. */
  get ready(): boolean {
    return this.stateValue === 'watching';
  }

  /** Objects currently known, by namespace/name. */
  get size(): number {
    return this.cache.size;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Resolves once ready; rejects with the last error after timeoutMs. */
  waitReady(timeoutMs: number): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new SwitchyardError('KUBE_NOT_READY', `not listed and watching ${this.opts.ref.resource} on ${this.opts.client.server} after ${timeoutMs} ms${this.lastError ? `: ${this.lastError.message}` : ''}`, { errorClass: 'retry' }));
      }, timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.setState('stopped');
  }

  private setState(s: InformerState): void {
    this.stateValue = s;
    if (s === 'watching') {
      this.lastError = undefined;
      for (const w of this.readyWaiters.splice(0)) w();
    }
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    const { client, ref, log } = this.opts;
    const backoff = this.opts.backoffMs ?? { initial: 500, max: 30_000 };
    let failures = 0;
    while (!this.stopped) {
      try {
        this.setState('listing');
        const list = await client.listAll(ref, { ...(this.opts.labelSelector ? { labelSelector: this.opts.labelSelector } : {}) });
        await this.reconcile(list.items);
        let version = list.resourceVersion;
        while (!this.stopped) {
          for await (const ev of client.watch(ref, {
            resourceVersion: version,
            allowWatchBookmarks: true,
            timeoutSeconds: this.opts.watchTimeoutSeconds ?? 300,
            signal: this.abort.signal,
            ...(this.opts.labelSelector ? { labelSelector: this.opts.labelSelector } : {}),
            onOpen: () => {
              failures = 0;
              this.setState('watching');
            },
          })) {
            await this.apply(ev);
            version = rv(ev.object) ?? version;
          }
          // The server ended the watch on its timeout: watch again from where it ended.
        }
      } catch (err) {
        if (this.stopped) break;
        const error = err instanceof SwitchyardError ? err : new SwitchyardError('KUBE_WATCH_FAILED', errorMessage(err), { errorClass: 'retry', cause: err });
        this.lastError = error;
        if (error.code === 'KUBE_GONE') {
          log.info('watch expired (410 Gone); listing again', { server: client.server, resource: ref.resource });
          continue;
        }
        failures++;
        const wait = Math.min(backoff.max, backoff.initial * 2 ** Math.min(failures - 1, 16)) * (0.8 + Math.random() * 0.4);
        this.setState('backoff');
        log.error('kubernetes list/watch failed; retrying', { server: client.server, resource: ref.resource, code: error.code, reason: error.message, retryInMs: Math.round(wait) });
        await this.sleep(wait);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.abort.signal;
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Reports the difference between the copy and a fresh list, then makes the copy equal to it. */
  private async reconcile(items: KubeObject[]): Promise<void> {
    const fresh = new Set<string>();
    for (const obj of items) {
      const key = objectKey(obj);
      fresh.add(key);
      const old = this.cache.get(key);
      if (old === undefined) {
        await this.opts.onChange({ type: 'ADD', object: obj, old: null });
      } else if (old.metadata.uid !== undefined && obj.metadata.uid !== undefined && old.metadata.uid !== obj.metadata.uid) {
        // Deleted and created again under the same name while not watching.
        await this.opts.onChange({ type: 'DELETE', object: old, old: null });
        this.cache.delete(key);
        await this.opts.onChange({ type: 'ADD', object: obj, old: null });
      } else if (rv(old) !== rv(obj)) {
        await this.opts.onChange({ type: 'UPDATE', object: obj, old });
      }
      this.cache.set(key, obj);
    }
    for (const [key, old] of [...this.cache]) {
      if (fresh.has(key)) continue;
      await this.opts.onChange({ type: 'DELETE', object: old, old: null });
      this.cache.delete(key);
    }
  }

  private async apply(ev: WatchEvent): Promise<void> {
    if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') return;
    const obj = ev.object as KubeObject;
    const key = objectKey(obj);
    const old = this.cache.get(key);
    if (ev.type === 'DELETED') {
      await this.opts.onChange({ type: 'DELETE', object: obj, old: null });
      this.cache.delete(key);
      return;
    }
    if (old === undefined) {
      await this.opts.onChange({ type: 'ADD', object: obj, old: null });
    } else if (rv(old) === rv(obj)) {
      this.opts.log.debug('update with an unchanged resourceVersion dropped', { key, resourceVersion: rv(obj) });
    } else {
      await this.opts.onChange({ type: 'UPDATE', object: obj, old });
    }
    this.cache.set(key, obj);
  }
}
