import type { IncomingMessage } from 'node:http';
import { SwitchyardError } from '../errors.ts';
import type { WatchEvent } from './types.ts';

const TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** Splits a watch response (one JSON event per line, chunked) into events. */
export async function* readWatchStream(res: IncomingMessage): AsyncGenerator<WatchEvent> {
  let buffered = '';
  res.setEncoding('utf8');
  for await (const chunk of res) {
    buffered += chunk as string;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line !== '') yield parseEvent(line);
    }
  }
  if (buffered.trim() !== '') yield parseEvent(buffered.trim());
}

function parseEvent(line: string): WatchEvent {
  let ev: unknown;
  try {
    ev = JSON.parse(line);
  } catch (err) {
    throw new SwitchyardError('KUBE_BAD_RESPONSE', `a watch event is not JSON: ${line.slice(0, 200)}`, { errorClass: 'retry', cause: err });
  }
  const e = ev as Partial<WatchEvent>;
  if (typeof e?.type !== 'string' || !TYPES.has(e.type) || typeof e.object !== 'object' || e.object === null) {
    throw new SwitchyardError('KUBE_BAD_RESPONSE', `a watch event has no known type and object: ${line.slice(0, 200)}`, { errorClass: 'retry' });
  }
  return e as WatchEvent;
}
