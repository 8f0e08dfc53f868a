import { request } from 'node:https';
import type { ClientRequest } from 'node:http';

/** One event of a Kubernetes watch stream. */
export interface WatchEvent {
  type: string;
  object: { metadata?: { name?: string; resourceVersion?: string }; [k: string]: unknown };
}

export interface PlainWatch {
  /** Resolves with the first event (already received or still to come) that matches, or fails after timeoutMs. */
  next(match: (e: WatchEvent) => boolean, timeoutMs?: number): Promise<WatchEvent>;
  close(): void;
}

/** Opens a watch with plain HTTPS (path should carry ?watch=1) and reads its newline-delimited JSON events. */
export function openWatch(url: string, ca: string, token: string, path: string): Promise<PlainWatch> {
  const events: WatchEvent[] = [];
  const waiters = new Set<() => void>();
  let req: ClientRequest | undefined;
  return new Promise((resolve, reject) => {
    req = request(new URL(path, url), { ca, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`watch ${path}: HTTP ${res.statusCode}`));
        return;
      }
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line !== '') events.push(JSON.parse(line) as WatchEvent);
        }
        for (const w of waiters) w();
      });
      res.on('error', () => undefined); // close() aborts the stream on purpose
      resolve({
        next: (match, timeoutMs = 10_000) =>
          new Promise((ok, fail) => {
            const check = (): boolean => {
              const e = events.find(match);
              if (!e) return false;
              waiters.delete(onData);
              clearTimeout(timer);
              ok(e);
              return true;
            };
            const onData = (): void => void check();
            const timer = setTimeout(() => {
              waiters.delete(onData);
              fail(new Error(`no matching watch event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => [e.type, e.object.metadata?.name]))}`));
            }, timeoutMs);
            if (!check()) waiters.add(onData);
          }),
        close: () => req?.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
