import type { ResourceRef } from './types.ts';

const seg = (s: string): string => encodeURIComponent(s);

/**
 * The REST path of a collection or one object: `/api/v1/...` for the core group, `/apis/<group>/<version>/...`
 * otherwise; `namespaces/<ns>/` only when a namespace is given.
 */
export function resourcePath(ref: ResourceRef, name?: string, subresource?: string): string {
  const group = ref.group ?? '';
  let path = group === '' ? `/api/${seg(ref.version)}` : `/apis/${seg(group)}/${seg(ref.version)}`;
  if (ref.namespace !== undefined && ref.namespace !== '') path += `/namespaces/${seg(ref.namespace)}`;
  path += `/${seg(ref.resource)}`;
  if (name !== undefined) path += `/${seg(name)}`;
  if (subresource !== undefined) path += `/${seg(subresource)}`;
  return path;
}

/** `resource.group` as Kubernetes names it in messages and RBAC rules (just `resource` for the core group). */
export function qualifiedResource(ref: ResourceRef): string {
  return ref.group ? `${ref.resource}.${ref.group}` : ref.resource;
}

/** Appends the defined query parameters to a path. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const q = params.toString();
  return q === '' ? path : `${path}?${q}`;
}
