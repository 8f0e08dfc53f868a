/**
 * How log lines reach stderr. When stderr is redirected to a regular file the lines are written from libuv's
 * thread pool, so that the event loop never waits on the file system; anything else (a pipe, a terminal)
 * goes through process.stderr, which buffers on its own.
 */
import { fstatSync, write, writeSync } from 'node:fs';

const STDERR_FD = 2;

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

export interface StderrOutput {
  /** True when write() finishes later, in `done`; false when it is handed over at once. */
  readonly async: boolean;
  write(bytes: Buffer, done: (err: Error | null) => void): void;
  /** For the process's last moments, when nothing asynchronous runs any more. */
  writeNow(bytes: Buffer): void;
}

export function stderrOutput(): StderrOutput {
  if (!isRegularFile(STDERR_FD)) {
    return {
      async: false,
      write(bytes, done) {
        process.stderr.write(bytes);
        done(null);
      },
      writeNow: (bytes) => process.stderr.write(bytes),
    };
  }
  return {
    async: true,
    write: (bytes, done) => writeAll(STDERR_FD, bytes, done),
    writeNow(bytes) {
      try {
        writeSync(STDERR_FD, bytes);
      } catch {
        // stderr is gone: there is nowhere left to say so
      }
    },
  };
}
