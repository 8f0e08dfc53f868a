import type { Change } from '../../kube/informer.ts';
import { goJson } from './gojson.ts';
import type { CompiledResource } from './schema.ts';

/** The event data, in Argo's field order: type, body, oldBody (null unless UPDATE), group, version, resource, metadata (omitted when empty). */
export function eventData(c: CompiledResource, change: Change, bodyJson: string): Buffer {
  let out = `{"type":${goJson(change.type)},"body":${bodyJson},"oldBody":${change.old === null ? 'null' : goJson(change.old)}`;
  out += `,"group":${goJson(c.group)},"version":${goJson(c.version)},"resource":${goJson(c.resource)}`;
  if (c.metadata !== undefined && Object.keys(c.metadata).length > 0) out += `,"metadata":${goJson(c.metadata)}`;
  return Buffer.from(out + '}', 'utf8');
}
