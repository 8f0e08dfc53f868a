import type { Logger } from '../observe/log.ts';
import type { SecretResolver } from '../runtime/secrets.ts';
import type { PortRegistry } from './webhook/server.ts';

/** What happened to one event handed to `dispatch`. */
export interface DispatchResult {
  eventId: string;
  /** True once the bus durably stored the event. */
  published: boolean;
  /** True when `filter.expression` dropped the event (nothing was published). */
  filtered: boolean;
  /** Why the event was filtered. */
  reason?: string;
}

/** Everything one event (one key under a source kind in the EventSource spec) needs from the host. */
export interface SourceContext {
  eventSourceName: string;
  eventName: string;
  /** The CloudEvent `type`, e.g. 'webhook'. */
  sourceType: string;
  /**
   * Wraps `data` in Argo's CloudEvent envelope, applies `filter.expression`, and publishes it.
   * Resolves only after the bus stored the event; rejects with the bus's SwitchyardError (class 'retry')
   * when it cannot. A Buffer must hold one JSON value (an object is serialised): the event says
   * `application/json`, and the embedded bus stores an object or array as it is, not in base64, so bytes that
   * are not JSON could not be read back after a restart.
   */
  dispatch(data: Buffer | object): Promise<DispatchResult>;
  secrets: SecretResolver;
  log: Logger;
}

/** Shared facilities a source kind may use (servers shared across EventSources, ...). */
export interface SourceEnv {
  ports: PortRegistry;
  /** The EventSource's spec.template (e.g. KUBECONFIG in template.container.env, as Argo's pods get it). */
  template?: unknown;
  /** --kubeconfig, when given on the command line. */
  kubeconfig?: string;
}

export interface RunningSource {
  /** Stops taking new events and waits for events in flight to be stored or answered. */
  stop(): Promise<void>;
  /** Why the source cannot take events right now (e.g. its API server is unreachable); undefined when it can. */
  notReady?(): string | undefined;
}

export interface SourceKind<Spec> {
  /** CloudEvent type, e.g. 'webhook'. */
  readonly type: string;
  /** True when every replica may take events at once (no leader election). */
  readonly activeActive: boolean;
  /** Starts all events of this kind of one EventSource. `specs` maps eventName to its spec as written. */
  start(specs: Map<string, Spec>, ctx: (eventName: string) => SourceContext, env: SourceEnv): Promise<RunningSource>;
}
