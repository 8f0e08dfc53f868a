/**
 * Writes log lines to stderr. Lines queued in one event-loop turn go out in one write at the end of the turn
 * (one system call instead of one per line, or per request). When stderr is redirected to a regular file the
 * write runs in libuv's thread pool, one at a time and in order, so the event loop never waits on the disk;
 * a pipe or terminal goes through process.stderr, which buffers on its own. written() resolves once every
 * line queued so far is out, and rejects if the write failed.
 */
import { fstatSync, write, writeSync } from 'node:fs';

const STDERR_FD = 2;
/** Past this many bytes waiting, lines are written at once rather than at the end of the turn. */
const MAX_PENDING = 1 << 16;

function isRegularFile(fd: number): boolean {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false; // closed or not inspectable: leave it to process.stderr
  }
}

/** Writes all of `bytes` to `fd` from the thread pool, continuing after short writes. */
function writeAll(fd: number, bytes: Buffer, done: (err: Error | null) => void): void {
  write(fd, bytes, 0, bytes.length, null, (err, written) => {
    if (err) done(err);
    else if (written < bytes.length) writeAll(fd, bytes.subarray(written), done);
    else done(null);
  });
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

const toFile = isRegularFile(STDERR_FD);
/** What waits for the next write: whole pieces, then the text queued since the last of them. */
const pieces: Array<string | Buffer> = [];
let pendingText = '';
let pendingSize = 0;
let flushQueued = false;
/** A write to the file is under way; lines queued meanwhile wait for the next one. */
let writing = false;
let waiters: Waiter[] = [];

/** Queues one line (without its newline). */
export function queueLine(line: string): void {
  pendingText += line + '\n';
  queued(line.length + 1);
}

/** Queues one line made of `head`, the UTF-8 text in `bytes` (copied as is, not decoded) and `tail`. */
export function queueLineWithBytes(head: string, bytes: Buffer, tail: string): void {
  pieces.push(pendingText + head, bytes); // the text before the bytes goes out as one piece
  pendingText = tail + '\n';
  queued(head.length + bytes.length + tail.length + 1);
}

/** Resolves once every line queued so far is written (handed over, for a pipe or terminal). */
export function written(): Promise<void> {
  if (pendingSize === 0 && !flushQueued && !writing) return Promise.resolve();
  return new Promise((resolve, reject) => {
    waiters.push({ resolve, reject });
    if (!flushQueued && !writing) flush();
  });
}

/** Starts writing what is queued now rather than at the end of the turn. */
export function flush(): void {
  flushQueued = false;
  if (writing) return; // the write under way starts the next one when it ends
  const batch = waiters;
  waiters = [];
  if (pendingSize === 0) {
    for (const w of batch) w.resolve();
    return;
  }
  const out = takePending();
  const done = (err: Error | null): void => {
    writing = false;
    for (const w of batch) {
      if (err) w.reject(new Error(`cannot write to stderr: ${err.message}`));
      else w.resolve();
    }
  };
  if (!toFile) {
    process.stderr.write(out);
    done(null);
    return;
  }
  writing = true;
  writeAll(STDERR_FD, out, (err) => {
    done(err);
    if (pendingSize > 0 || waiters.length > 0) flush();
  });
}

process.on('exit', () => {
  // Only synchronous writes happen now. A write still under way (after process.exit or a crash) ends in the
  // kernel or not at all, so its lines may follow these; a normal exit waits for it.
  if (pendingSize === 0) return;
  const out = takePending();
  if (!toFile) {
    process.stderr.write(out);
    return;
  }
  try {
    writeSync(STDERR_FD, out);
  } catch {
    // stderr is gone: there is nowhere left to say so
  }
});

function queued(size: number): void {
  pendingSize += size;
  if (pendingSize > MAX_PENDING) flush();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flush);
  }
}

/** The queued output as one Buffer: strings encoded straight into it, Buffers copied. */
function takePending(): Buffer {
  if (pendingText !== '') pieces.push(pendingText);
  let bytes = 0;
  for (const p of pieces) bytes += typeof p === 'string' ? Buffer.byteLength(p) : p.length;
  const out = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (const p of pieces) at += typeof p === 'string' ? out.write(p, at) : p.copy(out, at);
  pieces.length = 0;
  pendingText = '';
  pendingSize = 0;
  return out;
}
