/**
 * Process entry of the `switchyard` command: bin/switchyard (the command npm links) starts node on
 * bin/switchyard.js with the flags it picks for the machine, and that loads the compiled copy of this file.
 */
import { Buffer } from 'node:buffer';
import { main } from './main.ts';

/**
 * Node cuts small Buffers from a shared pool, 8 KiB by default. An event's data and its envelope (2–4 KB each)
 * used up a pool every event or two, and every new pool is one more ArrayBuffer to allocate and collect. A
 * 64 KiB pool serves about a dozen events: about 1 µs less main thread per event under load, the same peak
 * memory (docs/benchmarks.md).
 */
Buffer.poolSize = 64 * 1024;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
