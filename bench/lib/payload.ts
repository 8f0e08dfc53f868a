/**
 * The benchmark's request body: a realistic Alertmanager webhook (version 4) notification, about 2 KB.
 * Tagged bodies start with `benchId` and `sentAt` so the log trigger's output can be matched to sends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(import.meta.dirname, '../payloads/alertmanager.json');

/**
 * The payload as Alertmanager sends it: compact JSON written by Go's encoding/json, which escapes `<`, `>`,
 * `&`, U+2028 and U+2029 (the generatorURL has `&`s). Without the leading `{`, so tagged bodies are built by
 * concatenation.
 */
const rest = JSON.stringify(JSON.parse(readFileSync(FILE, 'utf8')))
  .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  .slice(1);

/** A body carrying `id` and `sentAt` (ms since the epoch, fractional) as its first two fields. */
export function taggedBody(id: string, sentAt: number): string {
  return `{"benchId":${JSON.stringify(id)},"sentAt":${sentAt.toFixed(3)},${rest}`;
}
