/**
 * The least pipeline: the JetStream benchmark's second baseline. It does only what no webhook -> JetStream ->
 * log pipeline can skip, with the same libraries and client options as Switchyard, so the rate it reaches is
 * the most this machine gives such a pipeline in one Node process:
 *   - a bare node:http server that reads each body and publishes it as it is (no envelope) with a Nats-Msg-Id,
 *     at most 1,024 awaiting their PubAck, and answers 200 once the PubAck is in. The bodies read in one
 *     event-loop turn are published together at the next setImmediate, in one socket write (as Switchyard's
 *     publisher does): publishing each at once costs a write per request, a quarter more CPU per event;
 *   - a pull consumer on a durable with explicit acks (256 pending, as Switchyard's sensor has) that writes one
 *     log line per message (`TIME INFO body`), in one write per event-loop turn, and acks it (no confirmation).
 * No parsing of the body, no filter, no retry, no error handling beyond stopping: it is a yardstick, not a product.
 *
 * Plain JavaScript run by node alone, on the built modules (`npm run bench:jetstream` builds them first).
 * Usage: node bench/least-pipeline.mjs PORT STREAM REPLICAS SERVER[,SERVER...]
 */
import { createServer } from 'node:http';
import { createWriteStream } from 'node:fs';
import { createInbox, headers } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstreamManager } from '@nats-io/jetstream';
import { openConnection } from '../dist/bus/jetstream/connect.js';
import { ensureStream, wantedStream } from '../dist/bus/jetstream/stream.js';
import { DEFAULT_STREAM } from '../dist/bus/types.js';

const [portArg, stream, replicasArg, serversArg] = process.argv.slice(2);
const port = Number(portArg);
if (!Number.isInteger(port) || port <= 0 || !stream || !serversArg) {
  process.stderr.write('usage: least-pipeline.mjs PORT STREAM REPLICAS SERVER[,SERVER...]\n');
  process.exit(2);
}
const SUBJECT = `${stream}.bench.alerts`;
const DURABLE = 'least-pipeline';
const PENDING = 256;
const MAX_PUBLISHES_IN_FLIGHT = 1024;

const nc = await openConnection({ servers: serversArg.split(','), name: 'switchyard-bench-least' });
const jsm = await jetstreamManager(nc);
const { leader } = await ensureStream(jsm, wantedStream({ ...DEFAULT_STREAM, name: stream, replicas: Number(replicasArg) }), true);
process.stdout.write(`JetStream stream ready server=${nc.info?.server_name} streamLeader=${leader}\n`);
await jsm.consumers.add(stream, { durable_name: DURABLE, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New, filter_subject: SUBJECT, max_ack_pending: PENDING });

// Publishing: replies come to one wildcard subscription; requests beyond the bound wait in order.
const replyPrefix = `${createInbox()}.`;
const answering = new Map();
const queued = [];
let nextToken = 0;
let publishId = 0;
const decoder = new TextDecoder();
const send = (body, res) => {
  const token = (nextToken++).toString(36);
  const h = headers();
  h.set('Nats-Msg-Id', `least-${process.pid}-${publishId++}`);
  answering.set(token, res);
  nc.publish(SUBJECT, body, { reply: replyPrefix + token, headers: h });
};
nc.subscribe(`${replyPrefix}*`, {
  callback: (err, m) => {
    if (err) throw err;
    const token = m.subject.slice(replyPrefix.length);
    const res = answering.get(token);
    answering.delete(token);
    const ack = JSON.parse(decoder.decode(m.data));
    if (typeof ack.seq !== 'number') res.writeHead(503).end('not stored');
    else res.writeHead(200, { 'Content-Type': 'text/plain' }).end('success');
    const next = queued.shift();
    if (next !== undefined) send(next.body, next.res);
  },
});

// Consuming: pull PENDING at a time, pull again when half are in.
const out = createWriteStream('', { fd: 1 });
const pullInbox = createInbox();
const ACK = new TextEncoder().encode('+ACK');
let requested = 0;
let lines = [];
const pull = () => {
  nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${DURABLE}`, JSON.stringify({ batch: PENDING, expires: 5_000_000_000 }), { reply: pullInbox });
  requested += PENDING;
};
nc.subscribe(pullInbox, {
  callback: (err, m) => {
    if (err) throw err;
    if (m.data.length === 0 && m.headers !== undefined) {
      // a status: 408 ends a pull request that expired, with what it still had to deliver
      if (m.headers.code === 408) requested = Math.max(0, requested - (Number(m.headers.get('Nats-Pending-Messages')) || PENDING));
    } else {
      requested--;
      if (lines.length === 0) {
        setImmediate(() => {
          out.write(lines.join(''));
          lines = [];
        });
      }
      lines.push(`${new Date().toISOString()} INFO ${decoder.decode(m.data)}\n`);
      m.respond(ACK);
    }
    if (requested <= PENDING / 2) pull();
  },
});
pull();

// Bodies read this turn, published together at the next setImmediate.
let turn = [];
const publishTurn = () => {
  const bodies = turn;
  turn = [];
  for (const r of bodies) {
    if (answering.size < MAX_PUBLISHES_IN_FLIGHT) send(r.body, r.res);
    else queued.push(r);
  }
};
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (turn.length === 0) setImmediate(publishTurn);
    turn.push({ body: Buffer.concat(chunks), res });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`least pipeline listening port=${port}\n`));
process.once('SIGTERM', () => server.close(() => nc.drain().then(() => process.exit(0))));
