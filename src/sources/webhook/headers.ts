import { goJsonString } from './gojson.ts';

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

export const MASKED_AUTH = '*** Masked Auth Secret ***';

/**
 * The request headers as Go's http.Header JSON (`{"Name":["v1","v2"]}`, names canonical, sorted, values
 * in arrival order). Go moves Host and Transfer-Encoding out of a server request's header map; any
 * Authorization header becomes one masked value.
 */
export function headersJson(rawHeaders: string[]): string {
  // a request has a handful of headers: arrays beat a map here
  const names: string[] = [];
  const values: string[][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = canonicalHeaderKey(rawHeaders[i]!);
    if (name === 'Host' || name === 'Transfer-Encoding') continue;
    const at = names.indexOf(name);
    if (at < 0) {
      names.push(name);
      values.push([rawHeaders[i + 1]!]);
    } else {
      values[at]!.push(rawHeaders[i + 1]!);
    }
  }
  const auth = names.indexOf('Authorization');
  if (auth >= 0 && values[auth]![0] !== '') values[auth] = [MASKED_AUTH];
  // names sorted as Go sorts map keys; an insertion sort of indexes, as there are only a few
  const order: number[] = [];
  for (let i = 0; i < names.length; i++) {
    let j = i;
    for (; j > 0 && names[order[j - 1]!]! > names[i]!; j--) order[j] = order[j - 1]!;
    order[j] = i;
  }
  let out = '{';
  for (const i of order) {
    if (out.length > 1) out += ',';
    out += `${goJsonString(names[i]!)}:[`;
    const list = values[i]!;
    for (let j = 0; j < list.length; j++) out += (j > 0 ? ',' : '') + goJsonString(list[j]!);
    out += ']';
  }
  return out + '}';
}
