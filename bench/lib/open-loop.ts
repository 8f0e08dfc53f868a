/**
 * An open-loop sender: request i is sent at start + i/rate whatever happened to earlier requests, so a slow
 * server meets the same arrival rate instead of slowing the client down (no coordinated omission).
 * Requests go over a pool of keep-alive sockets; a new socket opens when all are busy.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface OpenLoopOptions {
  url: string;
  /** Requests per second. */
  rate: number;
  durationMs: number;
  /** Body of request i; sentAt is ms since the epoch (fractional) at the moment of sending. */
  body: (i: number, sentAt: number) => string;
  /** A request without a response after this long counts as an error. */
  timeoutMs?: number;
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** First few error messages and non-2xx statuses. */
  errorSamples: string[];
  /** ms from send to the end of the response, of the 2xx responses. */
  acceptMs: number[];
  /** Largest delay of a send behind its schedule (ms): large values mean the sender could not keep up. */
  maxSendLagMs: number;
  /** Sockets the pool opened. */
  sockets: number;
}

export async function openLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024 });
  const seen = new WeakSet<object>();
  let sockets = 0;
  const u = new URL(o.url);
  const total = Math.round((o.rate * o.durationMs) / 1000);
  const interval = 1000 / o.rate;
  // Wall-clock time with sub-ms resolution, on the same clock as the server's Date.now().
  const epochOffset = Date.now() - performance.now();
  const r: OpenLoopResult = { sent: 0, ok: 0, non2xx: 0, errors: 0, errorSamples: [], acceptMs: [], maxSendLagMs: 0, sockets: 0 };
  let pending = 0;
  let allSent: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allSent = resolve));
  const settle = (): void => {
    pending--;
    if (pending === 0 && r.sent === total) allSent();
  };
  const sample = (msg: string): void => {
    if (r.errorSamples.length < 10) r.errorSamples.push(msg);
  };

  const send = (i: number): void => {
    const t0 = performance.now();
    const body = o.body(i, epochOffset + t0);
    pending++;
    r.sent++;
    const req = request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        timeout: o.timeoutMs ?? 10_000,
      },
      (res) => {
        res.resume();
        res.once('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            r.ok++;
            r.acceptMs.push(performance.now() - t0);
          } else {
            r.non2xx++;
            sample(`status ${status}`);
          }
          settle();
        });
      },
    );
    req.once('socket', (s) => {
      if (!seen.has(s)) {
        seen.add(s);
        sockets++;
      }
    });
    req.once('timeout', () => req.destroy(new Error(`no response within ${o.timeoutMs ?? 10_000} ms`)));
    req.once('error', (err) => {
      r.errors++;
      sample(err.message);
      settle();
    });
    req.end(body);
  };

  const start = performance.now();
  let i = 0;
  await new Promise<void>((finished) => {
    const tick = (): void => {
      const now = performance.now();
      while (i < total && start + i * interval <= now) {
        r.maxSendLagMs = Math.max(r.maxSendLagMs, performance.now() - (start + i * interval));
        send(i++);
      }
      if (i < total) setTimeout(tick, Math.max(0, start + i * interval - performance.now()));
      else finished();
    };
    tick();
  });
  if (pending > 0) await done;
  agent.destroy();
  r.sockets = sockets;
  return r;
}
