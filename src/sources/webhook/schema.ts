import type { SecretKeySelector, WebhookEventSource } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';

export const DEFAULT_MAX_PAYLOAD_SIZE = 1_048_576;
/** Methods a webhook takes a body or query from. */
export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH'] as const;

/** One webhook event's options, checked and defaulted once at start, then frozen. */
export interface CompiledWebhook {
  readonly eventName: string;
  readonly port: number;
  readonly endpoint: string;
  /** Upper-case; undefined = any of WEBHOOK_METHODS. */
  readonly method: string | undefined;
  readonly maxPayloadSize: number;
  readonly metadata: Readonly<Record<string, string>>;
  readonly authSecret: SecretKeySelector | undefined;
  readonly tls: { readonly cert: SecretKeySelector; readonly key: SecretKeySelector } | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSelector = (v: unknown): v is SecretKeySelector => isObject(v) && typeof v['name'] === 'string' && typeof v['key'] === 'string';

/** Throws WEBHOOK_INVALID listing every problem of the event's spec. */
export function compileWebhook(eventSourceName: string, eventName: string, raw: WebhookEventSource | unknown): CompiledWebhook {
  const where = `event source "${eventSourceName}" webhook event "${eventName}"`;
  if (!isObject(raw)) throw new SwitchyardError('WEBHOOK_INVALID', `${where}: expected an object with port and endpoint`);
  const problems: string[] = [];

  const portText = typeof raw['port'] === 'number' ? String(raw['port']) : raw['port'];
  let port = 0;
  if (typeof portText !== 'string' || portText === '') problems.push('port is required (a string such as "12000")');
  else if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) problems.push(`port ${JSON.stringify(portText)} must be an integer from 1 to 65535`);
  else port = Number(portText);

  const endpoint = raw['endpoint'];
  if (typeof endpoint !== 'string' || endpoint === '') problems.push('endpoint is required (a path such as "/example")');
  else if (!endpoint.startsWith('/')) problems.push(`endpoint ${JSON.stringify(endpoint)} must start with "/"`);

  let method: string | undefined;
  if (raw['method'] !== undefined && raw['method'] !== '') {
    if (typeof raw['method'] !== 'string') problems.push('method must be a string');
    else {
      method = raw['method'].toUpperCase();
      if (!(WEBHOOK_METHODS as readonly string[]).includes(method)) problems.push(`method ${JSON.stringify(raw['method'])} is not supported; use one of ${WEBHOOK_METHODS.join(', ')}`);
    }
  }

  let maxPayloadSize = DEFAULT_MAX_PAYLOAD_SIZE;
  const mps = raw['maxPayloadSize'];
  if (mps !== undefined && mps !== null) {
    if (typeof mps !== 'number' || !Number.isInteger(mps)) problems.push('maxPayloadSize must be an integer number of bytes');
    else if (mps > 0) maxPayloadSize = mps;
  }

  const metadata: Record<string, string> = {};
  if (raw['metadata'] !== undefined && raw['metadata'] !== null) {
    if (!isObject(raw['metadata'])) problems.push('metadata must be a map of strings');
    else for (const [k, v] of Object.entries(raw['metadata'])) {
      if (typeof v !== 'string') problems.push(`metadata.${k} must be a string`);
      else metadata[k] = v;
    }
  }

  let authSecret: SecretKeySelector | undefined;
  if (raw['authSecret'] !== undefined && raw['authSecret'] !== null) {
    if (!isSelector(raw['authSecret'])) problems.push('authSecret must have name and key');
    else authSecret = { name: raw['authSecret'].name, key: raw['authSecret'].key };
  }

  let tls: CompiledWebhook['tls'];
  const cert = raw['serverCertSecret'];
  const key = raw['serverKeySecret'];
  if ((cert ?? null) !== null || (key ?? null) !== null) {
    // a lone half would silently serve plain HTTP; refuse instead
    if (!isSelector(cert) || !isSelector(key)) problems.push('serverCertSecret and serverKeySecret must both be set (each with name and key) to serve TLS');
    else tls = { cert: { name: cert.name, key: cert.key }, key: { name: key.name, key: key.key } };
  }

  if (problems.length > 0) throw new SwitchyardError('WEBHOOK_INVALID', `${where}: ${problems.join('; ')}`);
  return Object.freeze({
    eventName, port, endpoint: endpoint as string, method, maxPayloadSize,
    metadata: Object.freeze(metadata), authSecret, tls,
  });
}
