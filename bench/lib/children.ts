/**
 * Child processes of the benchmark. Every child is registered so that it is killed however the benchmark
 * ends: normal stop, a thrown error, Ctrl-C, or the parent exiting.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

const live = new Set<ChildProcess>();
const exitHooks: (() => void)[] = [];

/** Kills `child` if it is still running when the benchmark exits. */
export function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** Runs `fn` (synchronously) when the benchmark exits, after the children are killed. */
export function atExit(fn: () => void): void {
  exitHooks.push(fn);
}

function cleanup(): void {
  for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const fn of exitHooks.splice(0)) {
    try {
      fn();
    } catch (err) {
      process.stderr.write(`bench: cleanup failed: ${String(err)}\n`);
    }
  }
}
process.once('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    process.stderr.write(`bench: interrupted by ${sig}; killing children\n`);
    process.exit(130);
  });
}

export interface ChildOptions {
  /** Shown in errors. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr both go to this file (the log trigger's output lands here). */
  logFile: string;
  /** Text the child prints once it accepts requests. */
  readyText: string;
  readyTimeoutMs?: number;
}

export interface Child {
  readonly pid: number;
  readonly logFile: string;
  /** SIGTERM, then SIGKILL if it has not exited within graceMs. Resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export async function startChild(o: ChildOptions): Promise<Child> {
  const fd = openSync(o.logFile, 'w');
  const child = spawn(o.command, o.args, {
    cwd: o.cwd,
    env: { ...process.env, ...o.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  track(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));

  const stop = async (graceMs = 5000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (o.readyTimeoutMs ?? 30_000);
  const ready = (async (): Promise<void> => {
    for (;;) {
      const out = readFileSync(o.logFile, 'utf8');
      if (out.includes(o.readyText)) return;
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${o.name} exited (${child.exitCode ?? child.signalCode}) before printing "${o.readyText}"; its output:\n${out.slice(-4000)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${o.name} did not print "${o.readyText}" within ${o.readyTimeoutMs ?? 30_000} ms; its output:\n${out.slice(-4000)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    await Promise.race([ready, spawnError]);
  } catch (err) {
    await stop(1000);
    throw err;
  }
  if (child.pid === undefined) throw new Error(`${o.name} has no pid`);
  return { pid: child.pid, logFile: o.logFile, stop };
}
