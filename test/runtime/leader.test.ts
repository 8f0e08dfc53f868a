import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { openEmbeddedBus } from '../../src/bus/embedded/index.ts';
import type { Bus, KeyValueStore } from '../../src/bus/types.ts';
import { logger } from '../../src/observe/log.ts';
import { acquireLeadership, runWhileLeader, type LeaderElector } from '../../src/runtime/leader.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';

const log = logger({ test: 'leader' });
let counter = 0;

describe('leader election on the embedded bus kv', () => {
  let bus: Bus;
  let kv: KeyValueStore;
  const tmp = tempDir();
  const electors: LeaderElector[] = [];
  before(async () => {
    bus = await openEmbeddedBus({ dir: tmp.dir });
    kv = await bus.kv('switchyard-leases');
  });
  after(async () => {
    await Promise.all(electors.map((e) => e.stop()));
    await bus.close();
    tmp.cleanup();
  });
  const elect = (key: string, holder: string, ttlMs = 300, renewMs = 50): LeaderElector => {
    const e = acquireLeadership({ kv, key, holder, ttlMs, renewMs, log });
    electors.push(e);
    return e;
  };
  const key = (): string => `sensor.s${++counter}`;
  const leaseOf = async (k: string): Promise<{ holder: string; expiresAt: number }> => JSON.parse((await kv.get(k))!.toString()) as { holder: string; expiresAt: number };

  test('a lone replica is elected and keeps renewing its lease', async () => {
    const k = key();
    const a = elect(k, 'a');
    let elected = 0;
    a.onElected(() => elected++);
    await waitFor('a elected', () => (a.isLeader ? true : undefined));
    const first = (await kv.entry(k))!.revision;
    await sleep(200);
    assert.equal(a.isLeader, true);
    assert.ok((await kv.entry(k))!.revision > first, 'the lease was not renewed');
    const lease = await leaseOf(k);
    assert.equal(lease.holder, 'a');
    assert.ok(lease.expiresAt > Date.now());
    assert.equal(elected, 1);
  });

  test('of replicas campaigning together, never more than one leads', async () => {
    const k = key();
    const all = ['a', 'b', 'c'].map((h) => elect(k, h));
    for (let i = 0; i < 40; i++) {
      assert.ok(all.filter((e) => e.isLeader).length <= 1, 'two leaders at once');
      await sleep(10);
    }
    const leader = all.find((e) => e.isLeader);
    assert.ok(leader, 'nobody was elected');
    assert.equal((await leaseOf(k)).holder, leader.holder);
  });

  test('stop releases the lease and a standby takes over well before the TTL', async () => {
    const k = key();
    const a = elect(k, 'a', 5_000, 50);
    await waitFor('a elected', () => (a.isLeader ? true : undefined));
    const b = elect(k, 'b', 5_000, 50);
    await sleep(150);
    assert.equal(b.isLeader, false);
    let demotedWith = '';
    a.onDemoted((reason) => (demotedWith = reason));
    const stoppedAt = Date.now();
    await a.stop();
    assert.equal(a.isLeader, false);
    assert.match(demotedWith, /released/);
    await waitFor('b elected', () => (b.isLeader ? true : undefined), 2_000);
    assert.ok(Date.now() - stoppedAt < 5_000, 'b waited for the TTL although the lease was released');
  });

  test('a lease left by a dead holder is taken over only after it expires', async () => {
    const k = key();
    const expiresAt = Date.now() + 700;
    await kv.create(k, Buffer.from(JSON.stringify({ holder: 'dead-1', expiresAt, ttlMs: 700 })));
    const b = elect(k, 'b');
    await sleep(350);
    assert.equal(b.isLeader, false, 'took over a lease that had not expired');
    await waitFor('b elected', () => (b.isLeader ? true : undefined), 3_000);
    assert.ok(Date.now() >= expiresAt);
    assert.equal((await leaseOf(k)).holder, 'b');
  });

  test('a leader whose lease was taken steps down and stands by', async () => {
    const k = key();
    const a = elect(k, 'a');
    await waitFor('a elected', () => (a.isLeader ? true : undefined));
    let demotedWith = '';
    a.onDemoted((reason) => (demotedWith = reason));
    await kv.put(k, Buffer.from(JSON.stringify({ holder: 'other', expiresAt: Date.now() + 60_000, ttlMs: 60_000 })));
    await waitFor('a demoted', () => (a.isLeader ? undefined : true), 2_000);
    assert.match(demotedWith, /took the lease/);
    await sleep(200);
    assert.equal(a.isLeader, false);
    assert.equal((await leaseOf(k)).holder, 'other');
  });

  test('runWhileLeader runs the part only on the leader and moves it on release', async () => {
    const k = key();
    const running = new Set<string>();
    const part = (h: string) => async () => {
      running.add(h);
      return { stop: async () => void running.delete(h) };
    };
    const a = elect(k, 'a', 5_000, 50);
    const runA = runWhileLeader(a, 'part', part('a'), log);
    await waitFor('a runs', () => (running.has('a') ? true : undefined));
    const b = elect(k, 'b', 5_000, 50);
    const runB = runWhileLeader(b, 'part', part('b'), log);
    await sleep(200);
    assert.deepEqual([...running], ['a']);
    await runA.stop();
    await waitFor('b runs', () => (running.has('b') ? true : undefined), 2_000);
    assert.deepEqual([...running], ['b']);
    await runB.stop();
    assert.equal(running.size, 0);
  });
});
