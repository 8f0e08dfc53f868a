/**
 * Stores written by earlier versions of Switchyard kept messages in a `msgs` database as msgpack objects and
 * the duplicates window in a `dedup` index. When such a store opens, its messages move to `messages`
 * (message-codec.ts) in one transaction and both old databases are dropped, so whatever was waiting for
 * delivery before the upgrade is delivered after it. Stores without them are not touched.
 */
import type { Layout, StoredMessage } from './layout.ts';
import { encodeMessage } from './message-codec.ts';

/** Moves old-format messages over; returns how many moved. */
export function upgradeStore(db: Layout): number {
  // The root database lists the environment's named databases; opening one that is missing would create it.
  const names = new Set<unknown>(db.env.getKeys());
  const legacy = names.has('msgs') ? db.env.openDB<StoredMessage, number>('msgs', {}) : undefined;
  const dedup = names.has('dedup') ? db.env.openDB<unknown, string>('dedup', {}) : undefined;
  if (legacy === undefined && dedup === undefined) return 0;
  let moved = 0;
  db.env.transactionSync(() => {
    if (legacy !== undefined) {
      // Encoded (and so copied) at once: a value read from a range may share memory with the next one.
      for (const { key, value } of legacy.getRange()) {
        db.msgs.putSync(key, encodeMessage(value.subject, value.msgId, value.ts, value.payload));
        moved++;
      }
      legacy.dropSync();
    }
    dedup?.dropSync();
  });
  return moved;
}
