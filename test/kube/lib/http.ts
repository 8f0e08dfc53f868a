import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

/** Where and as whom to talk to a kube-apiserver. */
export interface KubeEndpoint {
  url: string;
  ca: string;
  token: string;
}

export interface KubeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
}

export interface KubeRequestOptions {
  /** Bearer token to use instead of the endpoint's. */
  token?: string;
  /** Content-Type of the body; JSON unless told. */
  contentType?: string;
  timeoutMs?: number;
}

/** One HTTPS request to the apiserver, trusting only its CA. Resolves for every status. */
export function kubeRequest(
  ep: KubeEndpoint,
  method: string,
  path: string,
  body?: unknown,
  opts: KubeRequestOptions = {},
): Promise<KubeResponse> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { Authorization: `Bearer ${opts.token ?? ep.token}`, Accept: 'application/json' };
  if (payload !== undefined) {
    headers['Content-Type'] = opts.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL(path, ep.url), { method, headers, ca: ep.ca, timeout: opts.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer from the apiserver within ${opts.timeoutMs ?? 30_000} ms`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
