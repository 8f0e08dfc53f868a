/**
 * The `resource` source kind: each event watches one group/version/resource (optionally in one namespace) on
 * a Kubernetes API server and publishes ADD, UPDATE and DELETE events. Leader-elected (one active reader).
 */
import { isPayloadTooLarge } from '../../bus/types.ts';
import { SwitchyardError } from '../../errors.ts';
import { KubeClient } from '../../kube/client.ts';
import { Informer, type Change } from '../../kube/informer.ts';
import type { KubeConnection } from '../../kube/kubeconfig.ts';
import type { RunningSource, SourceContext, SourceEnv, SourceKind } from '../types.ts';
import { resolveConnection, type KubeconfigChoice } from './connection.ts';
import { eventData } from './event.ts';
import { checkChange } from './filter.ts';
import { goJson } from './gojson.ts';
import { compileResource, type CompiledResource, type ResourceEventSourceSpec } from './schema.ts';

export type { ResourceEventSourceSpec } from './schema.ts';

/** What a host may add to SourceEnv for this kind: the EventSource's spec.template and a --kubeconfig path. */
export type ResourceSourceEnv = SourceEnv;

export interface RunningResourceSource extends RunningSource {
  /** True when every event is listed and watching. */
  ready(): boolean;
  /** Resolves once ready(); rejects with the last error after timeoutMs. */
  waitReady(timeoutMs: number): Promise<void>;
  /** Per event name: its informer, for status and readiness checks. */
  readonly informers: ReadonlyMap<string, Informer>;
}

export interface ResourceSourceOptions extends KubeconfigChoice {
  /** Backoff between failed list/watch attempts (tests shorten it). */
  backoffMs?: { initial: number; max: number };
}

function onChangeFor(c: CompiledResource, ctx: SourceContext, startedAt: number): (change: Change) => Promise<void> {
  return async (change) => {
    if (!c.eventTypes.has(change.type)) return;
    const body = goJson(change.object);
    const verdict = checkChange(c, change, body, startedAt);
    const name = change.object.metadata?.name;
    if (!verdict.pass) {
      ctx.log.debug('resource change dropped by filter', { type: change.type, name, reason: verdict.reason });
      return;
    }
    try {
      const result = await ctx.dispatch(eventData(c, change, body));
      ctx.log.debug('resource change sent', { type: change.type, name, eventId: result.eventId, published: result.published });
    } catch (err) {
      // A change too large for the bus would be refused again: logged and skipped, so it cannot stall the
      // changes after it. Any other rejection (bus unavailable, storage full) makes the informer back off and
      // report the change again after listing.
      if (!isPayloadTooLarge(err)) throw err;
      ctx.log.error('resource change cannot be stored on the bus; skipped', { type: change.type, name, namespace: change.object.metadata?.namespace, error: err });
    }
  };
}

/** A `resource` kind with fixed connection settings (tests, or a host that knows --kubeconfig). */
export function createResourceSource(options: ResourceSourceOptions = {}): SourceKind<ResourceEventSourceSpec> {
  return {
    type: 'resource',
    activeActive: false,
    async start(specs, ctx, env): Promise<RunningResourceSource> {
      const startedAt = Date.now();
      const compiled: CompiledResource[] = [];
      const problems: string[] = [];
      for (const [eventName, spec] of specs) {
        try {
          compiled.push(compileResource(ctx(eventName).eventSourceName, eventName, spec));
        } catch (err) {
          if (!(err instanceof SwitchyardError)) throw err;
          problems.push(err.message);
        }
      }
      if (problems.length > 0) throw new SwitchyardError('RESOURCE_INVALID', problems.join('\n'));

      const extra = env as ResourceSourceEnv;
      const first = compiled[0];
      if (first === undefined) return { stop: async () => {}, ready: () => true, waitReady: async () => {}, informers: new Map() };
      const choice: KubeconfigChoice = { ...options, ...(extra.kubeconfig === undefined ? {} : { kubeconfig: extra.kubeconfig }) };
      const connection: KubeConnection = await resolveConnection(extra.template, ctx(first.eventName).secrets, choice);
      const client = new KubeClient(connection);
      const informers = new Map<string, Informer>();
      for (const c of compiled) {
        const cx = ctx(c.eventName);
        const informer = new Informer({
          client,
          ref: c.ref,
          ...(c.labelSelector === '' ? {} : { labelSelector: c.labelSelector }),
          onChange: onChangeFor(c, cx, startedAt),
          log: cx.log,
          ...(options.backoffMs === undefined ? {} : { backoffMs: options.backoffMs }),
        });
        informers.set(c.eventName, informer);
        informer.start();
        cx.log.info('resource watch starting', { server: connection.server, via: connection.origin, group: c.group, version: c.version, resource: c.resource, namespace: c.ref.namespace ?? '(all)', labelSelector: c.labelSelector || undefined });
      }
      const all = [...informers.values()];
      return {
        informers,
        ready: () => all.every((i) => i.ready),
        notReady: () => {
          const waiting = all.find((i) => !i.ready);
          if (waiting === undefined) return undefined;
          return `not yet listing and watching ${client.server}${waiting.lastError ? `: ${waiting.lastError.message}` : ''}`;
        },
        waitReady: async (timeoutMs) => {
          await Promise.all(all.map((i) => i.waitReady(timeoutMs)));
        },
        async stop() {
          await Promise.all(all.map((i) => i.stop()));
          client.close();
        },
      };
    },
  };
}

/** The `resource` kind as registered: connection from --kubeconfig (via SourceEnv), the template, KUBECONFIG or in-cluster. */
export const resourceSource: SourceKind<ResourceEventSourceSpec> = createResourceSource();
