/** The `resource` filters applied on each change before it becomes an event: prefix, times, fields. */
import type { Change } from '../../kube/informer.ts';
import type { KubeObject } from '../../kube/types.ts';
import type { CompiledResource } from './schema.ts';

export type Verdict = { pass: true } | { pass: false; reason: string };

const time = (s: unknown): number | undefined => {
  if (typeof s !== 'string') return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
};

/**
 * When the change happened: creation for ADD, deletion (or now) for DELETE, and for UPDATE the latest
 * managedFields time (any operation), falling back to creation.
 */
export function changeTime(change: Change, now: number): number {
  const meta = change.object.metadata ?? {};
  const created = time(meta.creationTimestamp) ?? 0;
  if (change.type === 'ADD') return created;
  if (change.type === 'DELETE') return time(meta.deletionTimestamp) ?? now;
  let latest = created;
  for (const f of meta.managedFields ?? []) {
    const t = time(f?.time);
    if (t !== undefined && t > latest) latest = t;
  }
  return latest;
}

/**
 * afterStart compares against the start time cut to whole seconds, as object timestamps carry only seconds:
 * an object created in the second the process started is kept rather than lost.
 */
export function checkChange(c: CompiledResource, change: Change, json: string, startedAt: number, now = Date.now()): Verdict {
  const obj: KubeObject = change.object;
  const name = obj.metadata?.name ?? '';
  if (c.prefix !== '' && !name.startsWith(c.prefix)) return { pass: false, reason: `name "${name}" does not start with prefix "${c.prefix}"` };
  if (c.afterStart) {
    const at = changeTime(change, now);
    if (at < Math.floor(startedAt / 1000) * 1000) return { pass: false, reason: `${change.type} happened at ${new Date(at).toISOString()}, before the source started` };
  }
  if (c.createdBy !== undefined) {
    const created = time(obj.metadata?.creationTimestamp);
    if (created !== undefined && created > c.createdBy) return { pass: false, reason: `created at ${obj.metadata.creationTimestamp}, after filter.createdBy` };
  }
  for (const f of c.fields) {
    const v = f.test(json);
    if (!v.pass) return v;
  }
  return { pass: true };
}
