import { goJsonValues } from './gojson.ts';

/** Go's textproto.CanonicalMIMEHeaderKey: `x-github-event` → `X-Github-Event`; names with other bytes stay as sent. */
export function canonicalHeaderKey(name: string): string {
  const known = canonicalCache.get(name);
  if (known !== undefined) return known;
  const canonical = canonicalize(name);
  // senders repeat the same few names; the cache is bounded so odd names cannot grow it without end
  if (canonicalCache.size < MAX_CACHED_NAMES) canonicalCache.set(name, canonical);
  return canonical;
}

const MAX_CACHED_NAMES = 512;
const canonicalCache = new Map<string, string>();

function canonicalize(name: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return name;
  let out = '';
  let upper = true;
  for (const ch of name) {
    out += upper ? ch.toUpperCase() : ch.toLowerCase();
    upper = ch === '-';
  }
  return out;
}

// Go moves these out of the header map of a server request.
const DROPPED = new Set(['Host', 'Transfer-Encoding']);

export const MASKED_AUTH = '*** Masked Auth Secret ***';

/**
 * The request headers as Go's http.Header JSON (`{"Name":["v1","v2"]}`, names canonical, sorted, values
 * in arrival order). Any Authorization header becomes one masked value.
 */
export function headersJson(rawHeaders: string[]): string {
  const map: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = canonicalHeaderKey(rawHeaders[i] ?? '');
    if (DROPPED.has(name)) continue;
    (map[name] ??= []).push(rawHeaders[i + 1] ?? '');
  }
  const auth = map['Authorization'];
  if (auth !== undefined && auth[0] !== '') map['Authorization'] = [MASKED_AUTH];
  return goJsonValues(map);
}
