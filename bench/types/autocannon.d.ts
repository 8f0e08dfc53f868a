/** The part of autocannon's API the benchmark uses (the package ships no types). */
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    connections?: number;
    /** Seconds. */
    duration?: number;
    pipelining?: number;
    timeout?: number;
    workers?: number;
  }
  interface AutocannonHistogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
    /** Completed requests, on `requests`. */
    total: number;
  }
  interface AutocannonResult {
    latency: AutocannonHistogram;
    requests: AutocannonHistogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    /** Seconds. */
    duration: number;
  }
  function autocannon(opts: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
