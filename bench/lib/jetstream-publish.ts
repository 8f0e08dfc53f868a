/**
 * Raw JetStream publish throughput from Node: the ceiling Switchyard's JetStream pipeline is compared with.
 * One connection with Switchyard's own client options (connectionOptions), asynchronous publishes with a
 * bounded number awaiting their ack, each with a message id (as Switchyard sends), to a stream built like
 * Switchyard's (wantedStream) under another name.
 */
import { performance } from 'node:perf_hooks';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectionOptions } from '../../src/bus/jetstream/connect.ts';
import { ensureStream, wantedStream } from '../../src/bus/jetstream/stream.ts';
import { DEFAULT_STREAM } from '../../src/bus/types.ts';
import { summarize, type Summary } from './stats.ts';

export interface RawPublishOptions {
  servers: string[];
  /** Stream name; subjects `<name>.*.*`. Deleted afterwards. */
  stream: string;
  replicas: number;
  durationS: number;
  /** Publishes awaiting their ack at most. */
  inFlight: number;
  payload: Uint8Array;
}

export interface RawPublishResult {
  acked: number;
  errors: number;
  errorSamples: string[];
  durationS: number;
  ackedPerSec: number;
  /** Time from publish to ack, ms. */
  ackMs: Summary;
  replicas: number;
  inFlight: number;
  payloadBytes: number;
  /** The server the publisher was connected to, and the one leading the stream: the same one saves a hop. */
  server: string | undefined;
  leader: string | undefined;
}

export async function rawPublish(o: RawPublishOptions): Promise<RawPublishResult> {
  const nc = await connect(connectionOptions({ servers: o.servers, name: 'switchyard-bench-raw' }));
  try {
    const jsm = await jetstreamManager(nc);
    const { leader } = await ensureStream(jsm, wantedStream({ ...DEFAULT_STREAM, name: o.stream, replicas: o.replicas }), true);
    const js = jetstream(nc, { timeout: 10_000 });
    const subject = `${o.stream}.bench.raw`;
    const ackMs: number[] = [];
    const r = { acked: 0, errors: 0, errorSamples: [] as string[] };
    const start = performance.now();
    const end = start + o.durationS * 1000;
    let seq = 0;
    // Each lane publishes, waits for the ack, and publishes again: o.inFlight lanes keep that many in flight.
    const lane = async (): Promise<void> => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await js.publish(subject, o.payload, { msgID: `raw-${process.pid}-${seq++}` });
          r.acked++;
          ackMs.push(performance.now() - t0);
        } catch (err) {
          r.errors++;
          if (r.errorSamples.length < 5) r.errorSamples.push(String(err));
        }
      }
    };
    await Promise.all(Array.from({ length: o.inFlight }, lane));
    const durationS = (performance.now() - start) / 1000;
    await jsm.streams.delete(o.stream);
    return { ...r, durationS, ackedPerSec: r.acked / durationS, ackMs: summarize(ackMs), replicas: o.replicas, inFlight: o.inFlight, payloadBytes: o.payload.length, server: nc.info?.server_name, leader };
  } finally {
    await nc.close();
  }
}
