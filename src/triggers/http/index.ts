/**
 * The http trigger: sends the payload built from `payload` parameters to `url` with `method` (default POST),
 * `headers`, `secureHeaders` and `basicAuth` from secrets, within `timeout` seconds (default 60).
 * Spec-level `parameters` patch the trigger spec itself (e.g. dest "url"). Any status is success unless the
 * trigger's policy.status.allow says otherwise (the host applies it). Network errors are retried.
 * Requests go through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY excludes the host (see proxy.ts), read when the
 * trigger is prepared.
 */
import type { HTTPTrigger } from '../../api/types.ts';
import { SwitchyardError, errorMessage } from '../../errors.ts';
import type { EventsByDependency } from '../../sensors/event.ts';
import { applyParameters, buildPayload, compileParameters, type ParameterOutcome } from '../../sensors/parameters.ts';
import type { TriggerEnv, TriggerKind } from '../types.ts';
import { fetch, type Dispatcher } from 'undici';
import { proxyConfigFromEnv, proxyFor } from './proxy.ts';
import { proxyAgent } from './proxy-agent.ts';

export interface RenderedHttp {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: unknown;
}

/** The payload text of each rendered request, as built (the parsed `payload` is for display). */
const bodies = new WeakMap<RenderedHttp, string>();

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export const httpTrigger: TriggerKind<HTTPTrigger> = {
  key: 'http',
  prepare(spec, _trigger, env) {
    if (!spec || typeof spec.url !== 'string' || spec.url === '') throw new SwitchyardError('TRIGGER_INVALID', 'http.url is required');
    const method = (spec.method ?? 'POST').toUpperCase();
    if (!METHODS.has(method)) throw new SwitchyardError('TRIGGER_INVALID', `http.method "${spec.method}" is not an HTTP method`);
    if (spec.tls) throw new SwitchyardError('TRIGGER_UNSUPPORTED', 'http.tls is not supported yet; use an https URL with a publicly trusted certificate');
    const specParams = compileParameters(spec.parameters, 'http.parameters');
    const payloadParams = compileParameters(spec.payload, 'http.payload');
    const dynamicHeaders = compileParameters(spec.dynamicHeaders, 'http.dynamicHeaders');
    const timeoutMs = (spec.timeout && spec.timeout > 0 ? spec.timeout : 60) * 1000;
    const proxies = proxyConfigFromEnv();
    return {
      async render(events: EventsByDependency, outcomes: ParameterOutcome[]): Promise<RenderedHttp> {
        const effective: HTTPTrigger = specParams.length ? (JSON.parse(applyParameters(JSON.stringify(spec), specParams, events, outcomes)) as HTTPTrigger) : spec;
        const headers: Record<string, string> = { ...(effective.headers ?? {}) };
        if (dynamicHeaders.length) {
          const dyn = JSON.parse(applyParameters('{}', dynamicHeaders, events, outcomes)) as Record<string, unknown>;
          for (const [k, v] of Object.entries(dyn)) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
        }
        const body = payloadParams.length ? buildPayload(payloadParams, events, outcomes).toString('utf8') : '';
        let payload: unknown = body;
        try {
          payload = body === '' ? '' : JSON.parse(body);
        } catch {
          payload = body;
        }
        const rendered: RenderedHttp = { url: effective.url, method: (effective.method ?? method).toUpperCase(), headers, payload };
        bodies.set(rendered, body);
        return rendered;
      },
      async execute(rendered, signal) {
        const r = rendered as RenderedHttp;
        const headers = { ...r.headers, ...(await secretHeaders(spec, env)) };
        // The exact text the parameters built; bytes, so that fetch adds no Content-Type (Argo sets none).
        const sent = bodies.get(r) ?? (typeof r.payload === 'string' ? r.payload : JSON.stringify(r.payload));
        const body = sent === '' ? undefined : Buffer.from(sent);
        let res: Awaited<ReturnType<typeof fetch>>;
        let via = '';
        try {
          const proxy = proxyFor(new URL(r.url), proxies);
          if (proxy) via = ` via proxy ${proxy.protocol}//${proxy.host}`;
          const dispatcher: Dispatcher | undefined = proxy ? proxyAgent(proxy) : undefined;
          res = await fetch(r.url, {
            method: r.method,
            ...(dispatcher ? { dispatcher } : {}),
            headers,
            ...(body !== undefined && r.method !== 'GET' && r.method !== 'HEAD' ? { body } : {}),
            signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
          });
        } catch (err) {
          const cause = (err as { cause?: unknown }).cause;
          throw new SwitchyardError('HTTP_TRIGGER_UNREACHABLE', `${r.method} ${r.url}${via} failed: ${cause ? errorMessage(cause) : errorMessage(err)}`, { errorClass: 'retry', cause: err });
        }
        const text = await res.text().catch(() => '');
        return { summary: `${r.method} ${r.url} -> ${res.status}`, status: res.status, output: { status: res.status, body: text.slice(0, 512) } };
      },
    };
  },
};

async function secretHeaders(spec: HTTPTrigger, env: TriggerEnv): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const h of spec.secureHeaders ?? []) {
    const ref = h.valueFrom?.secretKeyRef ?? h.valueFrom?.configMapKeyRef;
    if (ref) out[h.name] = await env.secrets.resolve(ref);
  }
  if (spec.basicAuth) {
    const user = spec.basicAuth.username ? await env.secrets.resolve(spec.basicAuth.username) : '';
    const pass = spec.basicAuth.password ? await env.secrets.resolve(spec.basicAuth.password) : '';
    out['Authorization'] = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  }
  return out;
}
