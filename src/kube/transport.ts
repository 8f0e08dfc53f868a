/** HTTP(S) plumbing for the REST client: one keep-alive agent per connection, credentials on every request. */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { readFileSync, statSync } from 'node:fs';
import { SwitchyardError } from '../errors.ts';
import type { KubeConnection } from './kubeconfig.ts';

export interface Transport {
  readonly server: string;
  /** Starts one request; resolves with the response (any status) once headers arrive. */
  send(method: string, path: string, headers: Record<string, string>, body: string | undefined, opts: SendOptions): Promise<IncomingMessage>;
  close(): void;
}

export interface SendOptions {
  /** Socket idle time before the request fails. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

/** Token file contents, read again at most every `ttlMs` and whenever the file's mtime changes. */
class TokenFile {
  private value = '';
  private mtimeMs = -1;
  private checkedAt = 0;
  constructor(private readonly path: string, private readonly ttlMs = 10_000) {}
  get(): string {
    const now = Date.now();
    if (this.mtimeMs >= 0 && now - this.checkedAt < this.ttlMs) return this.value;
    this.checkedAt = now;
    try {
      const st = statSync(this.path);
      if (st.mtimeMs !== this.mtimeMs) {
        this.value = readFileSync(this.path, 'utf8').trim();
        this.mtimeMs = st.mtimeMs;
      }
    } catch (err) {
      if (this.mtimeMs < 0) {
        throw new SwitchyardError('KUBECONFIG_UNREADABLE', `cannot read the token file ${this.path}: ${(err as Error).message}`, { cause: err });
      }
      // A rotating mount may briefly miss the file; keep the last token.
    }
    return this.value;
  }
}

export function createTransport(conn: KubeConnection): Transport {
  let url: URL;
  try {
    url = new URL(conn.server);
  } catch (err) {
    throw new SwitchyardError('KUBECONFIG_INVALID', `${conn.origin}: server "${conn.server}" is not a URL`, { cause: err });
  }
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') throw new SwitchyardError('KUBECONFIG_INVALID', `${conn.origin}: server "${conn.server}" must be an http(s) URL`);
  const agent = secure
    ? new HttpsAgent({
        keepAlive: true,
        ...(conn.ca === undefined ? {} : { ca: conn.ca }),
        ...(conn.cert === undefined ? {} : { cert: conn.cert, key: conn.key }),
        rejectUnauthorized: !conn.insecureSkipTlsVerify,
        ...(conn.tlsServerName === undefined ? {} : { servername: conn.tlsServerName }),
      })
    : new HttpAgent({ keepAlive: true });
  const tokenFile = conn.tokenFile === undefined ? undefined : new TokenFile(conn.tokenFile);
  const basePath = url.pathname.replace(/\/+$/, '');

  const authorization = (): string | undefined => {
    if (conn.token !== undefined) return `Bearer ${conn.token}`;
    if (tokenFile !== undefined) return `Bearer ${tokenFile.get()}`;
    if (conn.username !== undefined) return `Basic ${Buffer.from(`${conn.username}:${conn.password ?? ''}`).toString('base64')}`;
    return undefined;
  };

  return {
    server: conn.server,
    send(method, path, headers, body, opts) {
      const auth = authorization();
      const all: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'switchyard', ...headers };
      if (auth !== undefined) all['Authorization'] = auth;
      if (body !== undefined) all['Content-Length'] = String(Buffer.byteLength(body));
      const request = secure ? httpsRequest : httpRequest;
      return new Promise((resolve, reject) => {
        const req = request({
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port,
          path: basePath + path,
          method,
          headers: all,
          agent,
          timeout: opts.idleTimeoutMs,
          ...(opts.signal === undefined ? {} : { signal: opts.signal }),
        }, resolve);
        req.on('timeout', () => req.destroy(new Error(`no data from the server for ${opts.idleTimeoutMs} ms`)));
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/** Reads a whole response body as text. */
export async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
