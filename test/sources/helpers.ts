import { createServer } from 'node:net';
import type { EventSource } from '../../src/api/types.ts';
import type { Bus, Consumer, KeyValueStore, PublishResult, StreamSettings } from '../../src/bus/types.ts';
import { DEFAULT_STREAM } from '../../src/bus/types.ts';
import { SwitchyardError } from '../../src/errors.ts';
import { decodeEvent, type SensorEvent } from '../../src/events/envelope.ts';

export interface StoredMessage {
  subject: string;
  payload: Buffer;
  msgId: string;
}

/** A tiny in-memory bus: publish appends to `messages`; `failing = true` makes publish reject like a bus that is down. */
export class MemoryBus implements Bus {
  readonly driver = 'memory';
  readonly stream: Readonly<StreamSettings> = DEFAULT_STREAM;
  readonly messages: StoredMessage[] = [];
  failing = false;

  async publish(subject: string, payload: Buffer, msgId: string): Promise<PublishResult> {
    await Promise.resolve();
    if (this.failing) throw new SwitchyardError('BUS_UNAVAILABLE', 'memory bus is failing on purpose', { errorClass: 'retry' });
    this.messages.push({ subject, payload, msgId });
    return { seq: this.messages.length, duplicate: false };
  }

  consume(): Promise<Consumer> {
    return Promise.reject(new Error('MemoryBus does not consume'));
  }

  kv(): Promise<KeyValueStore> {
    return Promise.reject(new Error('MemoryBus has no key-value buckets'));
  }

  async close(): Promise<void> {}

  /** Stored events decoded from Argo's envelope. */
  events(): SensorEvent[] {
    return this.messages.map((m) => decodeEvent(m.payload));
  }

  /** Data of the stored events, parsed. */
  data(): unknown[] {
    return this.events().map((e) => JSON.parse(e.data.toString('utf8')) as unknown);
  }
}

/** A port free right now (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function webhookEventSource(name: string, events: Record<string, Record<string, unknown>>): EventSource {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'EventSource', metadata: { name }, spec: { webhook: events as never } };
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpOptions {
  method?: string;
  /** Header values given as arrays are sent as separate header lines. */
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Send the body in chunks (Transfer-Encoding: chunked) instead of with Content-Length. */
  chunked?: boolean;
  ca?: string;
}

/** One plain HTTP(S) request to localhost, no connection reuse. */
export async function request(port: number, path: string, options: HttpOptions = {}): Promise<HttpReply> {
  const http = options.ca === undefined ? await import('node:http') : await import('node:https');
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', agent: false, ...(options.ca === undefined ? {} : { ca: options.ca, servername: 'localhost' }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const [k, v] of Object.entries(options.headers ?? {})) req.setHeader(k, v);
    if (options.body !== undefined && !options.chunked) req.setHeader('Content-Length', Buffer.byteLength(options.body));
    if (options.body !== undefined) {
      if (options.chunked) {
        const buf = Buffer.from(options.body);
        for (let i = 0; i < buf.length; i += 65536) req.write(buf.subarray(i, i + 65536));
      } else req.write(options.body);
    }
    req.end();
  });
}
