import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { openJetStreamBus } from '../../src/bus/jetstream/index.ts';
import { startNatsCluster } from '../helpers/nats.ts';
import { waitFor } from '../helpers/wait.ts';

describe('jetstream bus on a 3-node cluster', () => {
  test('the stream gets 3 replicas; publish, consume and key-value work through any node, also after an operator deletes the stream or a bucket', async () => {
    const cluster = await startNatsCluster();
    try {
      const bus = await openJetStreamBus({ servers: cluster.urls });
      try {
        assert.equal(bus.stream.replicas, 3);
        const nc = await connect({ servers: cluster.urls[2] });
        const info = await (await jetstreamManager(nc)).streams.info('default');
        await nc.close();
        assert.equal(info.config.num_replicas, 3);
        assert.equal(info.cluster?.replicas?.length, 2, 'a leader and two followers');

        const seen: string[] = [];
        await bus.consume({ durableName: 'cluster-dep', subject: 'default.cl.evt', maxInFlight: 2 }, async (m) => {
          seen.push(m.payload.toString());
          await m.ack();
        });
        for (const p of ['a', 'b', 'c']) await bus.publish('default.cl.evt', Buffer.from(p), `cl-${p}`);
        await waitFor('three deliveries', () => (seen.length === 3 ? true : undefined));
        assert.deepEqual([...seen].sort(), ['a', 'b', 'c']);

        const kv = await bus.kv('cluster-bucket');
        await kv.put('k:1', Buffer.from('v'));
        assert.equal((await kv.get('k:1'))?.toString(), 'v');
        assert.deepEqual(await kv.keys(), ['k:1']);

        // Deleted by an operator through another node: created again with 3 replicas, and consumed from.
        const admin = await connect({ servers: cluster.urls[1] });
        try {
          const jsm = await jetstreamManager(admin);
          assert.equal(await jsm.streams.delete('default'), true);
          const r = await bus.publish('default.cl.evt', Buffer.from('d'), 'cl-d');
          assert.equal(r.seq, 1, 'the first message of a new stream');
          assert.equal((await jsm.streams.info('default')).config.num_replicas, 3);
          await waitFor('the delivery from the new stream', () => (seen.includes('d') ? true : undefined), 30_000);

          assert.equal(await jsm.streams.delete('KV_cluster-bucket'), true);
          await kv.put('k:2', Buffer.from('w'));
          assert.equal((await kv.get('k:2'))?.toString(), 'w');
          assert.equal((await jsm.streams.info('KV_cluster-bucket')).config.num_replicas, 3);
        } finally {
          await admin.close();
        }
      } finally {
        await bus.close();
      }
    } finally {
      await cluster.cleanup();
    }
  });
});
