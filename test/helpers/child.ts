import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export interface SwitchyardProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `switchyard ARGS...` from the TypeScript sources as a child process. */
export function spawnSwitchyard(args: string[], env: NodeJS.ProcessEnv = {}): SwitchyardProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** Waits until the process printed `text`, or fails with its output. */
export async function waitForOutput(p: SwitchyardProcess, text: string | RegExp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const o = p.output();
    if (typeof text === 'string' ? o.includes(text) : text.test(o)) return;
    if (p.child.exitCode !== null) throw new Error(`switchyard exited with ${p.child.exitCode} before printing ${String(text)}:\n${o}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`switchyard did not print ${String(text)} within ${timeoutMs} ms:\n${p.output()}`);
}
