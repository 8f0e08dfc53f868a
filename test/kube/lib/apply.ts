import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kubeRequest, type KubeEndpoint, type KubeResponse } from './http.ts';

/** A Kubernetes object as read from YAML or returned by the apiserver. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

const CRD_KIND = 'CustomResourceDefinition';
const FIELD_MANAGER = 'switchyard-test';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asKubeObject(v: unknown, where: string): KubeObject {
  if (!isRecord(v) || typeof v.apiVersion !== 'string' || typeof v.kind !== 'string' || !isRecord(v.metadata)) {
    throw new Error(`${where}: not a Kubernetes object (needs apiVersion, kind and metadata)`);
  }
  return v as KubeObject;
}

function yamlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((n) => /\.ya?ml$/.test(n) && n !== 'kustomization.yaml' && n !== 'kustomization.yml')
    .sort()
    .map((n) => join(path, n));
}

/** Objects from a YAML file, a folder of them (kustomization.yaml skipped), YAML text, or objects as they are. */
export function loadObjects(docsOrPath: string | readonly unknown[]): KubeObject[] {
  if (typeof docsOrPath !== 'string') return docsOrPath.map((d, i) => asKubeObject(d, `object ${i}`));
  const sources = existsSync(docsOrPath)
    ? yamlFiles(docsOrPath).map((f) => ({ name: basename(f), text: readFileSync(f, 'utf8') }))
    : [{ name: 'YAML text', text: docsOrPath }];
  const out: KubeObject[] = [];
  for (const src of sources) {
    parseAllDocuments(src.text).forEach((doc, i) => {
      if (doc.errors.length > 0) throw new Error(`${src.name} document ${i}: ${doc.errors[0]?.message ?? 'bad YAML'}`);
      const value: unknown = doc.toJS();
      if (value !== null && value !== undefined) out.push(asKubeObject(value, `${src.name} document ${i}`));
    });
  }
  return out;
}

function fail(what: string, res: KubeResponse): never {
  throw new Error(`${what}: HTTP ${res.status}: ${res.text.slice(0, 500)}`);
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Creates or updates objects by server-side apply, CRDs first (each waited for until Established and served). */
export class Applier {
  readonly #ep: KubeEndpoint;
  readonly #resources = new Map<string, ApiResource[]>();

  constructor(ep: KubeEndpoint) {
    this.#ep = ep;
  }

  async apply(docsOrPath: string | readonly unknown[], timeoutMs = 30_000): Promise<KubeObject[]> {
    const objects = loadObjects(docsOrPath);
    const crds = objects.filter((o) => o.kind === CRD_KIND);
    const rest = objects.filter((o) => o.kind !== CRD_KIND);
    const namespaces = rest.filter((o) => o.kind === 'Namespace');
    const others = rest.filter((o) => o.kind !== 'Namespace');
    const applied: KubeObject[] = [];
    for (const crd of crds) applied.push(await this.applyOne(crd, timeoutMs));
    for (const crd of crds) await this.waitForCrd(crd, timeoutMs);
    for (const o of [...namespaces, ...others]) applied.push(await this.applyOne(o, timeoutMs));
    return applied;
  }

  async applyOne(obj: KubeObject, timeoutMs: number): Promise<KubeObject> {
    const name = obj.metadata.name;
    if (typeof name !== 'string' || name === '') throw new Error(`${obj.kind}: metadata.name is required to apply it`);
    // CRDs were waited for already, so an unknown kind gets only a short grace period.
    const res = await this.#resource(obj.apiVersion, obj.kind, Math.min(timeoutMs, 3000));
    const base = obj.apiVersion.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
    const ns = res.namespaced ? `/namespaces/${encodeURIComponent(obj.metadata.namespace ?? 'default')}` : '';
    const path = `${base}${ns}/${res.name}/${encodeURIComponent(name)}?fieldManager=${FIELD_MANAGER}&force=true`;
    const body = res.namespaced ? { ...obj, metadata: { ...obj.metadata, namespace: obj.metadata.namespace ?? 'default' } } : obj;
    const out = await kubeRequest(this.#ep, 'PATCH', path, body, { contentType: 'application/apply-patch+yaml' });
    if (out.status !== 200 && out.status !== 201) fail(`apply ${obj.kind} ${name}`, out);
    return asKubeObject(out.body, `apply ${obj.kind} ${name}`);
  }

  /** Waits until the CRD is Established and its group/version lists the resource in discovery. */
  async waitForCrd(crd: KubeObject, timeoutMs: number): Promise<void> {
    const name = crd.metadata.name ?? '';
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await kubeRequest(this.#ep, 'GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
      if (res.status !== 200) fail(`read CRD ${name}`, res);
      const status = isRecord(res.body) && isRecord(res.body.status) ? res.body.status : {};
      const conditions = Array.isArray(status.conditions) ? status.conditions : [];
      if (conditions.some((c) => isRecord(c) && c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline) throw new Error(`CRD ${name} was not Established within ${timeoutMs} ms: ${JSON.stringify(conditions)}`);
      await sleep(100);
    }
    await this.#waitServed(crd, deadline);
  }

  /** Waits until every CRD in the cluster can be listed again (after an apiserver restart). */
  async waitForAllCrds(timeoutMs = 30_000): Promise<void> {
    const res = await kubeRequest(this.#ep, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
    if (res.status !== 200 || !isRecord(res.body) || !Array.isArray(res.body.items)) fail('list CRDs', res);
    const deadline = Date.now() + timeoutMs;
    for (const crd of res.body.items.filter(isRecord)) await this.#waitServed(crd, deadline);
  }

  /**
   * Waits until discovery lists each served version and a list of it succeeds: right after a CRD is
   * Established (or the apiserver restarts) its storage answers 429 "storage is (re)initializing" for a moment.
   */
  async #waitServed(crd: Record<string, unknown>, deadline: number): Promise<void> {
    const spec = isRecord(crd.spec) ? crd.spec : {};
    const names = isRecord(spec.names) ? spec.names : {};
    const versions = Array.isArray(spec.versions) ? spec.versions : [];
    for (const v of versions) {
      if (!isRecord(v) || v.served === false || typeof v.name !== 'string' || typeof names.kind !== 'string') continue;
      const gv = `${String(spec.group)}/${v.name}`;
      const res = await this.#resource(gv, names.kind, Math.max(1000, deadline - Date.now()));
      for (;;) {
        const list = await kubeRequest(this.#ep, 'GET', `/apis/${gv}/${res.name}?limit=1`);
        if (list.status === 200) break;
        if (list.status !== 429 || Date.now() > deadline) fail(`list ${res.name} in ${gv}`, list);
        await sleep(100);
      }
    }
  }

  /** The REST resource for apiVersion+kind, re-reading discovery until it appears (new CRDs lag a little). */
  async #resource(apiVersion: string, kind: string, timeoutMs: number): Promise<ApiResource> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.#resources.get(apiVersion)?.find((r) => r.kind === kind && !r.name.includes('/'));
      if (found) return found;
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      const res = await kubeRequest(this.#ep, 'GET', path);
      if (res.status === 200 && isRecord(res.body) && Array.isArray(res.body.resources)) {
        this.#resources.set(apiVersion, res.body.resources.filter(isRecord).map((r) => ({
          name: String(r.name), kind: String(r.kind), namespaced: r.namespaced === true,
        })));
        if (this.#resources.get(apiVersion)?.some((r) => r.kind === kind && !r.name.includes('/'))) continue;
      } else if (res.status !== 404) {
        fail(`discover ${apiVersion}`, res);
      }
      if (Date.now() > deadline) throw new Error(`the apiserver serves no kind ${kind} in ${apiVersion} (apply its CRD first)`);
      await sleep(100);
    }
  }
}
