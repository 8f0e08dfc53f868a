/**
 * Runs a started process until SIGINT or SIGTERM, then stops it gracefully. A signal that arrives while the
 * process is still starting (e.g. waiting for NATS) aborts the start instead, so the process exits promptly.
 */
import type { Logger } from '../observe/log.ts';

export interface Stoppable {
  stop(): Promise<void>;
}

/** Resolves with the exit code: 0 after a clean stop, 1 when stopping failed. A failed start rejects. */
export async function runUntilSignal(start: (signal: AbortSignal) => Promise<Stoppable>, log: Logger): Promise<number> {
  const abort = new AbortController();
  let onStopAsked: ((sig: NodeJS.Signals) => void) | undefined;
  const stopAsked = new Promise<NodeJS.Signals>((resolve) => (onStopAsked = resolve));
  const onSignal = (sig: NodeJS.Signals): void => {
    abort.abort();
    onStopAsked?.(sig);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let running: Stoppable;
    try {
      running = await start(abort.signal);
    } catch (err) {
      if (abort.signal.aborted) {
        log.info('stopped while starting');
        return 0;
      }
      throw err;
    }
    const sig = await stopAsked;
    log.info('shutting down', { signal: sig });
    try {
      await running.stop();
      return 0;
    } catch (err) {
      log.error('shutdown failed', { err });
      return 1;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
