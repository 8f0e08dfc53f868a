/**
 * Child process for the kill -9 test: publishes and consumes on an embedded bus until killed,
 * printing "published <seq>" after each publish resolved, "acking <seq>" before each ack and "acked <seq>" after
 * it resolved.
 * Every third message is left unacked on purpose.
 */
import { openEmbeddedBus } from '../../src/bus/embedded/index.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-child.ts <dir>');
const bus = await openEmbeddedBus({ dir });
const subject = 'default.crash.evt';
await bus.consume({ durableName: 'worker', subject, deliverPolicy: 'all', maxInFlight: 4, ackWaitMs: 60_000 }, async (msg) => {
  if (msg.seq % 3 === 0) return;
  process.stdout.write(`acking ${msg.seq}\n`);
  await msg.ack();
  process.stdout.write(`acked ${msg.seq}\n`);
});
let next = 0;
async function publisher(): Promise<void> {
  for (;;) {
    const i = next++;
    const r = await bus.publish(subject, Buffer.from(`payload ${i}`), `m${i}`);
    process.stdout.write(`published ${r.seq}\n`);
  }
}
await Promise.all(Array.from({ length: 8 }, publisher));
