import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventBus } from '../../src/api/types.ts';
import { streamSettingsFrom } from '../../src/bus/stream-config.ts';
import { DEFAULT_STREAM } from '../../src/bus/types.ts';

const bus = (streamConfig?: string, replicas?: number): EventBus => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'EventBus',
  metadata: { name: 'default' },
  spec: { jetstream: { ...(streamConfig !== undefined ? { streamConfig } : {}), ...(replicas !== undefined ? { replicas } : {}) } },
});

test('no EventBus or no streamConfig keeps the defaults', () => {
  assert.deepEqual(streamSettingsFrom(undefined), DEFAULT_STREAM);
  assert.deepEqual(streamSettingsFrom(bus(undefined, 5)), { ...DEFAULT_STREAM, replicas: 5 });
});

test('streamConfig fields as Argo users write them', () => {
  const s = streamSettingsFrom(bus('maxMsgs: 1e6\nmaxAge: 72h\nmaxBytes: 1GB\nreplicas: 3\nduplicates: 300s\nretention: 0\ndiscard: 0\n'));
  assert.equal(s.maxMsgs, 1_000_000);
  assert.equal(s.maxAgeMs, 72 * 3600 * 1000);
  assert.equal(s.maxBytes, 1e9);
  assert.equal(s.duplicatesMs, 300_000);
  assert.equal(streamSettingsFrom(bus('maxBytes: -1\nmaxMsgs: -1')).maxMsgs, -1);
  assert.equal(streamSettingsFrom(bus('maxBytes: 512MiB')).maxBytes, 512 * 1024 * 1024);
});

test('bad values say which field and what to write', () => {
  assert.throws(() => streamSettingsFrom(bus('maxAge: forever')), /maxAge/);
  assert.throws(() => streamSettingsFrom(bus('maxBytes: lots')), /maxBytes .* size/);
  assert.throws(() => streamSettingsFrom(bus('maxMsgs: [1]')), /maxMsgs/);
  assert.throws(() => streamSettingsFrom(bus('[')), /not valid YAML/);
});

test("retention and discard as Argo's numbers: 0 limits, 1 interest, 2 workqueue; 0 old, 1 new", () => {
  assert.equal(streamSettingsFrom(bus('retention: 0\ndiscard: 0')).retention, 'limits');
  const s = streamSettingsFrom(bus('retention: 1\ndiscard: 1'));
  assert.equal(s.retention, 'interest');
  assert.equal(s.discard, 'new');
  assert.equal(streamSettingsFrom(bus('retention: "1"')).retention, 'interest');
  assert.throws(() => streamSettingsFrom(bus('retention: 2')), /retention 2 \(workqueue\) cannot serve sensors: .*use 0 \(limits\) or 1 \(interest\)/);
  assert.throws(() => streamSettingsFrom(bus('retention: 3')), /streamConfig\.retention 3 is not 0 \(limits\), or 1 \(interest\), or 2 \(workqueue\)/);
  assert.throws(() => streamSettingsFrom(bus('discard: new')), /streamConfig\.discard "new" is not 0 \(old\), or 1 \(new\)/);
});

test("fields with no value read as Argo reads them (zero), as JetStream then applies it", () => {
  // the shape of the streamConfig in Argo's own controller configuration, where duplicates has no value
  const s = streamSettingsFrom(bus('# defaults\nmaxMsgs: 50000\nmaxAge: 168h\nmaxBytes: -1\nreplicas: 3\nduplicates:           # 0: Limits, 1: Interest, 2: WorkQueue\nretention: 0\n# 0: DiscardOld, 1: DiscardNew\ndiscard: 0\n'));
  assert.deepEqual(s, { ...DEFAULT_STREAM, duplicatesMs: 120_000 });
  const empty = streamSettingsFrom(bus('maxMsgs:\nmaxBytes:\nmaxAge:\nreplicas:\nretention:\ndiscard:\n'));
  assert.deepEqual(empty, { ...DEFAULT_STREAM, maxMsgs: -1, maxBytes: -1, maxAgeMs: 0, replicas: 1 });
  assert.equal(streamSettingsFrom(bus('duplicates: 0s')).duplicatesMs, 120_000);
});
