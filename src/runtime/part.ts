/** A running part of a process (a sensor, an event source, one kind of source), as it is stopped and asked about readiness. */
export interface Stoppable {
  stop(): Promise<void>;
  /** Why the part cannot do its work right now; undefined when it can (or it does not say). */
  notReady?(): string | undefined;
}

/** The first reason one of `parts` gives for not being ready; undefined when none gives one. */
export function firstNotReady(parts: Iterable<Pick<Stoppable, 'notReady'>>): string | undefined {
  for (const p of parts) {
    const why = p.notReady?.();
    if (why !== undefined) return why;
  }
  return undefined;
}
