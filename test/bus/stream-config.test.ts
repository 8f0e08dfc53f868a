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
