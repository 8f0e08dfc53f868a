/**
 * A stored message as raw bytes: a fixed header, then subject, message id and payload. Stored this way
 * (an LMDB `binary` database) a publish costs one allocation and one copy of the payload instead of a
 * msgpack encoding of an object.
 *
 *   offset 0  u8   format version (1)
 *          1  u32  subject length in bytes
 *          5  u32  message id length in bytes
 *          9  f64  publish time, ms since the epoch
 *         17       subject, message id (UTF-8), then the payload to the end
 */
import type { StoredMessage } from './layout.ts';

const VERSION = 1;
const HEADER_BYTES = 17;

/**
 * Encoded messages are cut from slabs of this size. They live only until their transaction commits (LMDB
 * copies them then), so a slab is soon free as a whole. Node's shared Buffer pool (64 KiB in `switchyard`,
 * see cli/bin.ts) would mix them with Buffers that live on; taking them from the pool instead measured about
 * 1.5 µs more main thread per event (seven interleaved pairs under wrk).
 */
const SLAB_BYTES = 256 * 1024;
let slab = Buffer.allocUnsafeSlow(0);
let slabUsed = 0;

/** `size` bytes nothing else uses, 8-byte aligned within the slab. */
function take(size: number): Buffer {
  if (size > SLAB_BYTES / 8) return Buffer.allocUnsafeSlow(size);
  if (slabUsed + size > slab.length) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + size);
  slabUsed = (slabUsed + size + 7) & ~7;
  return out;
}

export function encodeMessage(subject: string, msgId: string, ts: number, payload: Buffer): Buffer {
  const subjectBytes = Buffer.byteLength(subject);
  const idBytes = Buffer.byteLength(msgId);
  const out = take(HEADER_BYTES + subjectBytes + idBytes + payload.length);
  out[0] = VERSION;
  out.writeUInt32LE(subjectBytes, 1);
  out.writeUInt32LE(idBytes, 5);
  out.writeDoubleLE(ts, 9);
  out.write(subject, HEADER_BYTES, 'utf8');
  out.write(msgId, HEADER_BYTES + subjectBytes, 'utf8');
  payload.copy(out, HEADER_BYTES + subjectBytes + idBytes);
  return out;
}

/** The message held by `bytes`; the payload is a view into them. Throws on bytes this format did not write. */
export function decodeMessage(bytes: Buffer): StoredMessage {
  if (bytes.length < HEADER_BYTES || bytes[0] !== VERSION) {
    throw new Error(`stored message has an unknown format (version byte ${bytes[0] ?? 'missing'}, ${bytes.length} bytes)`);
  }
  const subjectEnd = HEADER_BYTES + bytes.readUInt32LE(1);
  const idEnd = subjectEnd + bytes.readUInt32LE(5);
  if (idEnd > bytes.length) throw new Error(`stored message is truncated (${bytes.length} bytes, header says at least ${idEnd})`);
  return {
    subject: bytes.toString('utf8', HEADER_BYTES, subjectEnd),
    msgId: bytes.toString('utf8', subjectEnd, idEnd),
    ts: bytes.readDoubleLE(9),
    payload: bytes.subarray(idEnd),
  };
}
