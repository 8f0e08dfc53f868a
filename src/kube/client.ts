/**
 * A small Kubernetes REST client over node:https: CRUD, patch and watch on any group/version/resource the
 * caller names. It makes no discovery calls, so it works against servers that serve nothing but one CRD.
 */
import type { IncomingMessage } from 'node:http';
import { SwitchyardError } from '../errors.ts';
import { kubeHttpError, kubeUnreachable, type RequestIntent } from './errors.ts';
import type { KubeConnection } from './kubeconfig.ts';
import { resourcePath, withQuery } from './paths.ts';
import { createTransport, readBody, type Transport } from './transport.ts';
import type { KubeList, KubeObject, KubeStatus, ResourceRef, WatchEvent } from './types.ts';
import { readWatchStream } from './watch-stream.ts';

export type PatchType = 'merge' | 'strategic-merge' | 'json-patch';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  'strategic-merge': 'application/strategic-merge-patch+json',
  'json-patch': 'application/json-patch+json',
};

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size; continue with the returned metadata.continue. */
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Start after this version (from a list or the last event); unset: the server's current state as ADDED events. */
  resourceVersion?: string;
  /** BOOKMARK events carrying progress; true unless told. */
  allowWatchBookmarks?: boolean;
  /** The server ends the watch after this long (a normal end); 300 unless told. */
  timeoutSeconds?: number;
  /** Ends the watch (the iterator finishes without error). */
  signal?: AbortSignal;
  /** Called once the server accepted the watch (200), before any event. */
  onOpen?: () => void;
}

export interface KubeClientOptions {
  /** Attempts for a request answered 429 before KUBE_THROTTLED is thrown; 5 unless told. */
  throttleAttempts?: number;
  /** Longest wait honoured from Retry-After, in ms; 30 s unless told. */
  maxRetryAfterMs?: number;
  /** Socket idle timeout for ordinary requests; 30 s unless told. */
  requestTimeoutMs?: number;
}

interface Call {
  method: string;
  path: string;
  intent: RequestIntent;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  idleTimeoutMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Retry-After in ms (seconds or an HTTP date); 1 s when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined || v.trim() === '') return 1000;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}

export class KubeClient {
  readonly server: string;
  readonly connection: KubeConnection;
  private readonly transport: Transport;
  private readonly throttleAttempts: number;
  private readonly maxRetryAfterMs: number;
  private readonly requestTimeoutMs: number;

  constructor(connection: KubeConnection, options: KubeClientOptions = {}) {
    this.connection = connection;
    this.server = connection.server;
    this.transport = createTransport(connection);
    this.throttleAttempts = options.throttleAttempts ?? 5;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /** Sends one request, waiting out 429 answers; resolves with the response once it is 2xx. */
  private async open(call: Call): Promise<IncomingMessage> {
    const body = call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = call.contentType ?? 'application/json';
    for (let attempt = 1; ; attempt++) {
      let res: IncomingMessage;
      try {
        res = await this.transport.send(call.method, call.path, headers, body, {
          idleTimeoutMs: call.idleTimeoutMs ?? this.requestTimeoutMs,
          ...(call.signal === undefined ? {} : { signal: call.signal }),
        });
      } catch (err) {
        if (call.signal?.aborted) throw err;
        if (err instanceof SwitchyardError) throw err;
        throw kubeUnreachable(call.intent, err);
      }
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return res;
      let text: string;
      try {
        text = await readBody(res);
      } catch (err) {
        throw kubeUnreachable(call.intent, err);
      }
      const error = kubeHttpError(status, parseJson(text) as KubeStatus | undefined, text, call.intent);
      if (status === 429 && attempt < this.throttleAttempts && !call.signal?.aborted) {
        await sleep(Math.min(retryAfterMs(res.headers['retry-after']), this.maxRetryAfterMs), call.signal);
        continue;
      }
      throw error;
    }
  }

  private async json<T>(call: Call): Promise<T> {
    const res = await this.open(call);
    let text: string;
    try {
      text = await readBody(res);
    } catch (err) {
      throw kubeUnreachable(call.intent, err);
    }
    const parsed = parseJson(text);
    if (parsed === undefined) {
      throw new SwitchyardError('KUBE_BAD_RESPONSE', `${call.method} ${call.path} on ${this.server}: the answer is not JSON: ${text.slice(0, 200)}`, { errorClass: 'retry' });
    }
    return parsed as T;
  }

  private intent(verb: string, ref?: ResourceRef, name?: string): RequestIntent {
    return { verb, server: this.server, ...(ref === undefined ? {} : { ref }), ...(name === undefined ? {} : { name }) };
  }

  /** Any path (e.g. '/version'), answered as JSON. */
  raw<T = unknown>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const verb = method.toLowerCase();
    return this.json<T>({ method, path, intent: this.intent(verb), body, ...(contentType === undefined ? {} : { contentType }) });
  }

  get<T extends KubeObject = KubeObject>(ref: ResourceRef, name: string): Promise<T> {
    return this.json<T>({ method: 'GET', path: resourcePath(ref, name), intent: this.intent('get', ref, name) });
  }

  /** One page; pass `limit` and then the returned `metadata.continue` to read the rest. */
  list<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: ListOptions = {}): Promise<KubeList<T>> {
    const path = withQuery(resourcePath(ref), {
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      limit: opts.limit,
      continue: opts.continue,
      resourceVersion: opts.resourceVersion,
    });
    return this.json<KubeList<T>>({ method: 'GET', path, intent: this.intent('list', ref) });
  }

  /** Every page of a list, and the resourceVersion of the whole list (to watch from). */
  async listAll<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: Omit<ListOptions, 'continue'> = {}): Promise<{ items: T[]; resourceVersion: string }> {
    const items: T[] = [];
    let cont: string | undefined;
    let resourceVersion = '';
    do {
      const page: KubeList<T> = await this.list<T>(ref, { limit: 500, ...opts, ...(cont === undefined ? {} : { continue: cont }) });
      items.push(...(page.items ?? []));
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      cont = page.metadata?.continue || undefined;
    } while (cont !== undefined);
    return { items, resourceVersion };
  }

  create<T extends KubeObject = KubeObject>(ref: ResourceRef, obj: KubeObject): Promise<T> {
    return this.json<T>({ method: 'POST', path: resourcePath(ref), body: obj, intent: this.intent('create', ref, obj.metadata?.name) });
  }

  /** Replaces an object (PUT); send the resourceVersion you read to get KUBE_CONFLICT instead of lost updates. */
  update<T extends KubeObject = KubeObject>(ref: ResourceRef, obj: KubeObject): Promise<T> {
    const name = obj.metadata?.name;
    if (!name) throw new SwitchyardError('KUBE_REQUEST_INVALID', 'update needs metadata.name');
    return this.json<T>({ method: 'PUT', path: resourcePath(ref, name), body: obj, intent: this.intent('update', ref, name) });
  }

  patch<T extends KubeObject = KubeObject>(ref: ResourceRef, name: string, patch: unknown, type: PatchType = 'merge'): Promise<T> {
    return this.json<T>({ method: 'PATCH', path: resourcePath(ref, name), body: patch, contentType: PATCH_CONTENT_TYPES[type], intent: this.intent('patch', ref, name) });
  }

  /** Deletes an object; resolves with what the server answers (the object, or a Status). */
  delete(ref: ResourceRef, name: string, opts: { propagationPolicy?: 'Foreground' | 'Background' | 'Orphan' } = {}): Promise<KubeObject & KubeStatus> {
    const body = opts.propagationPolicy === undefined ? undefined : { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: opts.propagationPolicy };
    return this.json({ method: 'DELETE', path: resourcePath(ref, name), body, intent: this.intent('delete', ref, name) });
  }

  /**
   * Watches a collection. Yields events until the server ends the watch (normal; start again from the last
   * resourceVersion) or `signal` aborts. Throws KUBE_GONE when the version is too old (list again), and the
   * usual errors for refused or dropped connections. ERROR events other than 410 are thrown as errors too.
   */
  async *watch(ref: ResourceRef, opts: WatchOptions = {}): AsyncGenerator<WatchEvent> {
    const timeoutSeconds = opts.timeoutSeconds ?? 300;
    const path = withQuery(resourcePath(ref), {
      watch: 'true',
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      resourceVersion: opts.resourceVersion,
      allowWatchBookmarks: opts.allowWatchBookmarks ?? true,
      timeoutSeconds,
    });
    const intent = this.intent('watch', ref);
    let res: IncomingMessage;
    try {
      res = await this.open({ method: 'GET', path, intent, idleTimeoutMs: (timeoutSeconds + 60) * 1000, ...(opts.signal === undefined ? {} : { signal: opts.signal }) });
    } catch (err) {
      if (opts.signal?.aborted) return;
      throw err;
    }
    opts.onOpen?.();
    try {
      for await (const ev of readWatchStream(res)) {
        if (ev.type === 'ERROR') {
          const code = typeof ev.object.code === 'number' ? ev.object.code : 500;
          throw kubeHttpError(code, ev.object, JSON.stringify(ev.object), intent);
        }
        yield ev;
      }
    } catch (err) {
      if (opts.signal?.aborted) return;
      if (err instanceof SwitchyardError) throw err;
      throw kubeUnreachable(intent, err);
    } finally {
      res.destroy();
    }
  }

  /** Closes pooled connections. */
  close(): void {
    this.transport.close();
  }
}
