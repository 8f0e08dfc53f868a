import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPayloadTooLarge } from '../../bus/types.ts';
import { errorMessage, isSwitchyardError } from '../../errors.ts';
import type { SourceContext } from '../types.ts';
import { goJsonStrings, goJsonValues } from './gojson.ts';
import { compactBody } from './json-scan.ts';
import { headersJson } from './headers.ts';
import { parseQuery } from './query.ts';
import { WEBHOOK_METHODS, type CompiledWebhook } from './schema.ts';
import { sendText, type RouteHandler } from './server.ts';

/** Seconds a sender is asked to wait before retrying when the bus cannot store its event. */
const RETRY_AFTER_SECONDS = '5';
const FORM = 'application/x-www-form-urlencoded';

type Body = { ok: true; bytes: Buffer } | { ok: false; status: number; reason: string };

/** A request body being read: kept on the request so that the listeners are shared, not made per request. */
interface BodyReader {
  chunks: Buffer[];
  size: number;
  limit: number;
  resolve: (body: Body) => void;
}
const READER = Symbol('webhook body reader');
type ReadingRequest = IncomingMessage & { [READER]?: BodyReader | undefined };

const tooLarge = (limit: number): Body => ({ ok: false, status: 413, reason: `request body is larger than maxPayloadSize (${limit} bytes)` });

function finishBody(req: ReadingRequest, body: Body): void {
  const reader = req[READER];
  if (reader === undefined) return;
  req[READER] = undefined;
  req.off('data', onBodyData);
  req.off('end', onBodyEnd);
  req.off('error', onBodyError);
  reader.resolve(body);
}

function onBodyData(this: ReadingRequest, chunk: Buffer): void {
  const reader = this[READER];
  if (reader === undefined) return;
  reader.size += chunk.length;
  if (reader.size > reader.limit) {
    reader.chunks.length = 0;
    finishBody(this, tooLarge(reader.limit));
    this.resume(); // discard the rest; the connection is closed after the answer
    return;
  }
  reader.chunks.push(chunk);
}

function onBodyEnd(this: ReadingRequest): void {
  const reader = this[READER];
  if (reader === undefined) return;
  const { chunks, size } = reader;
  finishBody(this, { ok: true, bytes: chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, size) });
}

function onBodyError(this: ReadingRequest, err: Error): void {
  finishBody(this, { ok: false, status: 400, reason: `cannot read request body: ${err.message}` });
}

/** Reads the body up to `limit` bytes; past it, stops collecting and reports 413 at once. */
function readBody(req: ReadingRequest, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(tooLarge(limit));
  return new Promise((resolve) => {
    req[READER] = { chunks: [], size: 0, limit, resolve };
    req.on('data', onBodyData);
    req.on('end', onBodyEnd);
    req.on('error', onBodyError);
  });
}

function queryOf(url: string | undefined): string {
  const raw = url ?? '';
  const q = raw.indexOf('?');
  if (q < 0) return '';
  const query = raw.slice(q + 1);
  // the request line arrives as latin1 text; raw (unescaped) UTF-8 bytes must be decoded back
  return /[^\x00-\x7f]/.test(query) ? Buffer.from(query, 'latin1').toString('utf8') : query;
}

type BodyJson = { ok: true; json: Buffer } | { ok: false; status: number; reason: string };

/** The event body as compact JSON bytes (the very bytes sent, when they were compact), or why the request is refused. */
async function bodyJson(req: IncomingMessage, hook: CompiledWebhook): Promise<BodyJson> {
  if (req.method === 'GET') return { ok: true, json: Buffer.from(goJsonValues(parseQuery(queryOf(req.url)).values), 'utf8') };
  const body = await readBody(req, hook.maxPayloadSize);
  if (!body.ok) return body;
  if (req.method === 'POST' && req.headers['content-type'] === FORM) {
    const form = parseQuery(body.bytes.toString('utf8'));
    if (form.error !== undefined) return { ok: false, status: 400, reason: `invalid form body: ${form.error}` };
    return { ok: true, json: Buffer.from(goJsonValues(form.values), 'utf8') };
  }
  const compact = compactBody(body.bytes);
  if (compact.ok) return compact;
  if (body.bytes.toString('utf8').trim() === '') return { ok: false, status: 400, reason: 'request body is empty; send a JSON document' };
  return { ok: false, status: 400, reason: `request body is not valid JSON: ${errorMessage(compact.error)}` };
}

/** `{"header":...,"body":...,"metadata":...}` written into one Buffer, the body's bytes copied in. */
function eventData(headers: string, body: Buffer, metadata: string): Buffer {
  const head = `{"header":${headers},"body":`;
  const tail = `${metadata}}`;
  const headLen = Buffer.byteLength(head);
  const out = Buffer.allocUnsafe(headLen + body.length + Buffer.byteLength(tail));
  out.write(head, 0, 'utf8');
  body.copy(out, headLen);
  out.write(tail, headLen + body.length, 'utf8');
  return out;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Checks `Authorization: Bearer <token>` in constant time; returns the refusal, if any. */
async function checkAuth(req: IncomingMessage, hook: CompiledWebhook, ctx: SourceContext): Promise<{ status: number; reason: string } | undefined> {
  if (hook.authSecret === undefined) return undefined;
  let token: string;
  try {
    token = await ctx.secrets.resolve(hook.authSecret);
  } catch (err) {
    ctx.log.error('webhook auth secret cannot be loaded', { error: err });
    return { status: 500, reason: 'the webhook auth secret cannot be loaded; see the event source log' };
  }
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return { status: 401, reason: 'missing or malformed Authorization header; send "Authorization: Bearer <token>"' };
  if (!timingSafeEqual(digest(header.slice('Bearer '.length)), digest(token))) return { status: 401, reason: 'invalid bearer token' };
  return undefined;
}

/** Handles one request on a webhook route: auth, method, body, then dispatch; answers 200 only once the bus stored the event. */
export function createRouteHandler(hook: CompiledWebhook, ctx: SourceContext): RouteHandler {
  const allow = hook.method ?? WEBHOOK_METHODS.join(', ');
  const metadata = Object.keys(hook.metadata).length > 0 ? `,"metadata":${goJsonStrings(hook.metadata)}` : '';
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, reason: string, headers: Record<string, string> = {}): void => {
    ctx.log.debug('webhook request refused', { status, reason });
    // a body not read to the end is not drained (it may be huge): close the connection instead
    sendText(res, status, reason, req.complete ? headers : { ...headers, Connection: 'close' });
  };

  return async (req, res) => {
    const denied = hook.authSecret === undefined ? undefined : await checkAuth(req, hook, ctx);
    if (denied !== undefined) {
      refuse(req, res, denied.status, denied.reason, denied.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
      return;
    }
    const method = req.method ?? '';
    const allowed = hook.method === undefined ? (WEBHOOK_METHODS as readonly string[]).includes(method) : method === hook.method;
    if (!allowed) {
      refuse(req, res, 405, `method ${method} is not allowed on this endpoint; use ${allow}`, { Allow: allow });
      return;
    }
    const body = await bodyJson(req, hook);
    if (!body.ok) {
      refuse(req, res, body.status, body.reason);
      return;
    }
    const data = eventData(headersJson(req.rawHeaders), body.json, metadata);
    try {
      await ctx.dispatch(data);
    } catch (err) {
      if (isSwitchyardError(err) && err.errorClass === 'retry') {
        ctx.log.warn('webhook event not stored; sender asked to retry', { error: err });
        sendText(res, 503, `event could not be stored, retry later: ${err.message}`, { 'Retry-After': RETRY_AFTER_SECONDS });
        return;
      }
      if (isPayloadTooLarge(err)) {
        // the same request would fail again: a 4xx tells the sender not to retry
        ctx.log.error('webhook event too large for the bus', { error: err });
        sendText(res, 413, `event too large for the event bus: ${err.message}`);
        return;
      }
      ctx.log.error('webhook event failed', { error: err });
      sendText(res, 500, 'event could not be processed; see the event source log');
      return;
    }
    sendText(res, 200, 'success');
  };
}
