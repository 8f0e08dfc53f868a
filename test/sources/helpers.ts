import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventSource } from '../../src/api/types.ts';
import { openEmbeddedBus } from '../../src/bus/embedded/index.ts';
import type { Bus, Consumer, ConsumerOptions, KeyValueStore, MessageHandler, PublishOptions, PublishResult, StreamSettings } from '../../src/bus/types.ts';
import { decodeEvent, type SensorEvent } from '../../src/events/envelope.ts';

export interface StoredMessage {
  subject: string;
  payload: Buffer;
  msgId: string;
}

/**
 * The real embedded bus, in a fresh temp dir, remembering each message it stored (its publish resolved, not a
 * duplicate) in `messages`; events() and data() decode them. close() closes the bus and removes the dir; a
 * publish after close() is refused as by a bus that is down.
 */
export class RecordingBus implements Bus {
  readonly messages: StoredMessage[] = [];

  private constructor(
    private readonly bus: Bus,
    private readonly dir: string,
  ) {}

  static async open(): Promise<RecordingBus> {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-source-bus-'));
    return new RecordingBus(await openEmbeddedBus({ dir }), dir);
  }

  get driver(): string {
    return this.bus.driver;
  }

  get stream(): Readonly<StreamSettings> {
    return this.bus.stream;
  }

  get deliversPublishedBuffers(): boolean | undefined {
    return this.bus.deliversPublishedBuffers;
  }

  async publish(subject: string, payload: Buffer, msgId: string, options?: PublishOptions): Promise<PublishResult> {
    const result = await this.bus.publish(subject, payload, msgId, options);
    if (!result.duplicate) this.messages.push({ subject, payload, msgId });
    return result;
  }

  consume(options: ConsumerOptions, handler: MessageHandler): Promise<Consumer> {
    return this.bus.consume(options, handler);
  }

  kv(bucket: string): Promise<KeyValueStore> {
    return this.bus.kv(bucket);
  }

  async close(): Promise<void> {
    await this.bus.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Stored events decoded from the envelope. */
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
