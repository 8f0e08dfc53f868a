/** Per event counts kept by the host until metrics exist. */
export interface SourceCounts {
  /** Events the bus stored. */
  sent: number;
  /** Events dropped by `filter.expression` (including expression errors and non-bool results). */
  filtered: number;
  /** Events the bus could not store. */
  failed: number;
}

export class SourceCounterSet {
  readonly #counts = new Map<string, SourceCounts>();

  /** The live counters of one event, created at zero. */
  of(eventSourceName: string, eventName: string): SourceCounts {
    const key = `${eventSourceName}\u0000${eventName}`;
    let c = this.#counts.get(key);
    if (c === undefined) {
      c = { sent: 0, filtered: 0, failed: 0 };
      this.#counts.set(key, c);
    }
    return c;
  }

  /** A snapshot of one event's counters (zeros when it never counted anything). */
  get(eventSourceName: string, eventName: string): Readonly<SourceCounts> {
    return { ...this.of(eventSourceName, eventName) };
  }

  /** Snapshots of every counted event. */
  entries(): { eventSourceName: string; eventName: string; counts: Readonly<SourceCounts> }[] {
    return [...this.#counts].map(([key, counts]) => {
      const [eventSourceName = '', eventName = ''] = key.split('\u0000');
      return { eventSourceName, eventName, counts: { ...counts } };
    });
  }

  reset(): void {
    this.#counts.clear();
  }
}
