/** Machine facts, the printed result table and the JSON file under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, platform, release, arch } from 'node:os';
import { join } from 'node:path';

export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  loadAverage1m: number;
  node: string;
  os: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cpus: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
  };
}

export type Row = [label: string, value: string];

/** Two columns, the labels padded; a row whose value is '' is a section heading. */
export function table(rows: readonly Row[]): string {
  const width = Math.max(0, ...rows.filter(([, v]) => v !== '').map(([l]) => l.length));
  return rows.map(([l, v]) => (v === '' ? `\n${l}` : `  ${l.padEnd(width)}  ${v}`)).join('\n');
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

/** Writes bench/results/<timestamp>.json and returns its path. */
export function writeResults(results: unknown): string {
  const dir = join(import.meta.dirname, '../results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}

/** A benchmark's log line on stderr, prefixed with its name. */
export function sayer(name: string): (msg: string) => void {
  return (msg) => void process.stderr.write(`${name}: ${msg}\n`);
}

/** Runs a benchmark's main: its result is the exit status; a throw is printed and exits 1. */
export function runMain(main: () => Promise<number>, say: (msg: string) => void): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      say(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exitCode = 1;
    },
  );
}
