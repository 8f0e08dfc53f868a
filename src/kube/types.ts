/** Shapes of Kubernetes API objects as the REST client reads and writes them (JSON, unstructured). */

export interface KubeObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  managedFields?: { manager?: string; operation?: string; time?: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: KubeObjectMeta;
  [key: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

/** A metav1.Status, as the apiserver sends with every error and in watch ERROR events. */
export interface KubeStatus {
  kind?: 'Status';
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; retryAfterSeconds?: number; causes?: unknown[] };
}

/** Which collection a request is about. No discovery: the caller names group, version and plural resource. */
export interface ResourceRef {
  /** '' (or omitted) for the core group, served under /api/v1. */
  group?: string;
  version: string;
  /** Plural lower-case resource name, e.g. 'organizations'. */
  resource: string;
  /** Omitted or '': cluster-scoped objects, or every namespace for list and watch. */
  namespace?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  /** A KubeObject for ADDED/MODIFIED/DELETED/BOOKMARK; a KubeStatus for ERROR. */
  object: KubeObject & KubeStatus;
}
