/** Which resources of the loaded manifests a process runs: all of them (`run`), or one named EventSource or Sensor. */
import type { EventSource, Sensor } from '../api/types.ts';
import type { ManifestSet } from '../api/validate/index.ts';
import { SwitchyardError } from '../errors.ts';

export type RunSelection = { what: 'all' } | { what: 'eventsource'; name: string } | { what: 'sensor'; name: string };

export interface SelectedResources {
  eventSources: EventSource[];
  sensors: Sensor[];
}

function pickOne<T extends { metadata: { name?: string } }>(kind: string, items: T[], name: string, paths: string[]): T {
  const found = items.find((r) => r.metadata.name === name);
  if (found) return found;
  const names = items.map((r) => r.metadata.name ?? '(unnamed)');
  const have = names.length === 0 ? `there is no ${kind} at all` : `the ${kind}s found are: ${names.join(', ')}`;
  throw new SwitchyardError('RESOURCE_NOT_FOUND', `no ${kind} named "${name}" in ${paths.join(', ')}; ${have}`);
}

export function selectResources(set: ManifestSet, selection: RunSelection, paths: string[]): SelectedResources {
  switch (selection.what) {
    case 'all':
      return { eventSources: set.eventSources, sensors: set.sensors };
    case 'eventsource':
      return { eventSources: [pickOne('EventSource', set.eventSources, selection.name, paths)], sensors: [] };
    case 'sensor':
      return { eventSources: [], sensors: [pickOne('Sensor', set.sensors, selection.name, paths)] };
  }
}

/** The namespace label of the process's metrics: the resources' namespace when they share one, else "default". */
export function metricsNamespace(r: SelectedResources): string {
  const all = new Set([...r.eventSources, ...r.sensors].map((x) => x.metadata.namespace || 'default'));
  return all.size === 1 ? [...all][0]! : 'default';
}
