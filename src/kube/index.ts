export { KubeClient, retryAfterMs, type KubeClientOptions, type ListOptions, type PatchType, type WatchOptions } from './client.ts';
export { loadKubeConfig, parseKubeConfig, readKubeConfig, type KubeConnection, type LoadKubeConfigOptions } from './kubeconfig.ts';
export { inClusterConfig, SERVICE_ACCOUNT_DIR } from './incluster.ts';
export { qualifiedResource, resourcePath } from './paths.ts';
export type { KubeList, KubeObject, KubeObjectMeta, KubeStatus, ResourceRef, WatchEvent, WatchEventType } from './types.ts';
export { Informer, objectKey, type Change, type ChangeType, type InformerOptions, type InformerState } from './informer.ts';
