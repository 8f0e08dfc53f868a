import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage, encodeMessage } from '../../src/bus/embedded/message-codec.ts';

describe('embedded bus message format', () => {
  test('a message survives encoding with its subject, id, time and payload', () => {
    const payload = Buffer.from('{"a":"é"}');
    const m = decodeMessage(encodeMessage('argo-events.src.ev', 'id-ü', 1_700_000_000_123.5, payload));
    assert.equal(m.subject, 'argo-events.src.ev');
    assert.equal(m.msgId, 'id-ü');
    assert.equal(m.ts, 1_700_000_000_123.5);
    assert.deepEqual(m.payload, payload);
  });

  test('bytes of another format are refused with a reason', () => {
    assert.throws(() => decodeMessage(Buffer.from([0x85, 1, 2])), /unknown format/);
    const truncated = encodeMessage('s', 'long-message-id', 0, Buffer.alloc(0)).subarray(0, 20);
    assert.throws(() => decodeMessage(truncated), /truncated/);
  });
});
