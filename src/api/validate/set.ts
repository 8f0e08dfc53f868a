import type { EventBus, EventSource, Sensor, WorkflowTemplate } from '../types.ts';

export interface Origin {
  file: string;
  /** 0-based document in the file. */
  index: number;
  line: number;
}

export interface SkippedDocument {
  file: string;
  index: number;
  kind: string;
  reason: string;
}

/** Every resource found in a group of manifests, with where each came from. */
export interface ManifestSet {
  eventSources: EventSource[];
  sensors: Sensor[];
  eventBuses: EventBus[];
  workflowTemplates: WorkflowTemplate[];
  skipped: SkippedDocument[];
  origin: WeakMap<object, Origin>;
}

export function emptyManifestSet(): ManifestSet {
  return { eventSources: [], sensors: [], eventBuses: [], workflowTemplates: [], skipped: [], origin: new WeakMap() };
}
