import type { EventSource } from '../api/types.ts';
import type { Bus, PublishOptions } from '../bus/types.ts';
import { busSubject } from '../bus/types.ts';
import { SwitchyardError, errorMessage, isSwitchyardError } from '../errors.ts';
import { buildEvent, encodeEvent, encodeSharedEvent } from '../events/envelope.ts';
import { logger } from '../observe/log.ts';
import type { MetricsRegistry } from '../observe/metrics.ts';
import { firstNotReady } from '../runtime/part.ts';
import type { SecretResolver } from '../runtime/secrets.ts';
import { SourceCounterSet, addRunningEvents, sourceMetrics } from './counters.ts';
import { argoExprCompiler } from './expr-compiler.ts';
import { compileSourceFilter, type ExprCompiler, type SourceFilter } from './filter.ts';
import { sourceKindsOf } from './registry.ts';
import type { DispatchResult, RunningSource, SourceContext } from './types.ts';
import { defaultPortRegistry, type PortRegistry } from './webhook/server.ts';

export type { DispatchResult, RunningSource, SourceContext, SourceEnv, SourceKind } from './types.ts';
export type { SourceCounts } from './counters.ts';
export { SourceCounterSet, sourceMetrics, type SourceMetrics } from './counters.ts';

/** sent / filtered / failed per event source and event, in this process (beside the Prometheus metrics). */
export const sourceCounters = new SourceCounterSet();

export interface StartEventSourceDeps {
  bus: Bus;
  secrets: SecretResolver;
  /** Servers shared per port; defaults to the process-wide registry. */
  ports?: PortRegistry;
  /** --kubeconfig for sources that watch a Kubernetes API. */
  kubeconfig?: string;
  /** The expr engine for `filter.expression`; needed only when an event has one. */
  compileExpr?: ExprCompiler;
  /** Argo's event source metrics go here when given (the registry carries the `namespace` label). */
  metrics?: MetricsRegistry;
}

/** Every event gets a new random id (buildEvent), never given again. */
const UNIQUE_ID: PublishOptions = { uniqueId: true };

// Event source and event names are bus subject tokens.
const BAD_TOKEN = /[.*>\s]/;

function checkName(what: string, name: string): void {
  if (name === '' || BAD_TOKEN.test(name)) {
    throw new SwitchyardError('SOURCE_INVALID_NAME', `${what} ${JSON.stringify(name)} must be non-empty and contain no ".", "*", ">" or whitespace (it is part of the bus subject)`);
  }
}

function filterOf(spec: unknown): string | undefined {
  if (typeof spec !== 'object' || spec === null) return undefined;
  const filter = (spec as { filter?: unknown }).filter;
  if (typeof filter !== 'object' || filter === null) return undefined;
  const expression = (filter as { expression?: unknown }).expression;
  return typeof expression === 'string' && expression.trim() !== '' ? expression : undefined;
}

interface ContextInput {
  eventSourceName: string;
  eventName: string;
  sourceType: string;
  filter: SourceFilter | undefined;
  deps: StartEventSourceDeps;
}

/** The one place where data becomes Argo's CloudEvent, is filtered, published and counted. */
function makeContext(input: ContextInput): SourceContext {
  const { eventSourceName, eventName, sourceType, filter, deps } = input;
  const log = logger({ eventSource: eventSourceName, eventName, sourceType });
  const subject = busSubject(deps.bus.stream.name, eventSourceName, eventName);
  const counts = sourceCounters.of(eventSourceName, eventName);
  const metrics = deps.metrics ? sourceMetrics(deps.metrics, eventSourceName, eventName) : undefined;
  const encode = deps.bus.deliversPublishedBuffers === true ? encodeSharedEvent : encodeEvent;
  return {
    eventSourceName,
    eventName,
    sourceType,
    secrets: deps.secrets,
    log,
    async dispatch(data: Buffer | object): Promise<DispatchResult> {
      if (metrics === undefined) return publishOne(data);
      const started = performance.now();
      try {
        return await publishOne(data);
      } catch (err) {
        metrics.processingFailed();
        throw err;
      } finally {
        metrics.duration(performance.now() - started);
      }
    },
  };

  async function publishOne(data: Buffer | object): Promise<DispatchResult> {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(JSON.stringify(data), 'utf8');
    const event = buildEvent({ source: eventSourceName, type: sourceType, subject: eventName, data: bytes });
    const eventId = event.context.id;
    if (filter !== undefined) {
      const verdict = filter(bytes);
      if (!verdict.pass) {
        counts.filtered++;
        log.debug('event dropped by filter', { eventId, reason: verdict.reason });
        return { eventId, published: false, filtered: true, reason: verdict.reason };
      }
    }
    try {
      await deps.bus.publish(subject, encode(event), eventId, UNIQUE_ID);
    } catch (err) {
      counts.failed++;
      metrics?.sentFailed();
      if (isSwitchyardError(err)) throw err;
      throw new SwitchyardError('BUS_UNAVAILABLE', `the bus could not store the event: ${errorMessage(err)}`, { errorClass: 'retry', cause: err });
    }
    counts.sent++;
    metrics?.sent();
    log.debug('event published', { eventId, subject });
    return { eventId, published: true, filtered: false };
  }
}

/**
 * Starts every event of an EventSource. Throws SOURCE_UNSUPPORTED for kinds Switchyard does not run,
 * and whatever a kind throws (invalid spec, port in use); on failure nothing is left running.
 */
export async function startEventSource(es: EventSource, deps: StartEventSourceDeps): Promise<RunningSource> {
  const eventSourceName = es.metadata.name ?? '';
  checkName('EventSource name', eventSourceName);
  const kinds = sourceKindsOf(es.spec, eventSourceName);
  const ports = deps.ports ?? defaultPortRegistry;
  const running: RunningSource[] = [];
  let runningEvents = 0;
  const stopAll = async (): Promise<void> => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    if (deps.metrics && runningEvents > 0) addRunningEvents(deps.metrics, eventSourceName, -runningEvents);
    runningEvents = 0;
  };
  try {
    for (const { kind, specs } of kinds) {
      const contexts = new Map<string, SourceContext>();
      for (const [eventName, spec] of specs) {
        checkName('event name', eventName);
        const expression = filterOf(spec);
        let filter: SourceFilter | undefined;
        if (expression !== undefined) filter = compileSourceFilter(expression, deps.compileExpr ?? argoExprCompiler);
        contexts.set(eventName, makeContext({ eventSourceName, eventName, sourceType: kind.type, filter, deps }));
      }
      const ctx = (eventName: string): SourceContext => {
        const c = contexts.get(eventName);
        if (c === undefined) throw new SwitchyardError('SOURCE_UNKNOWN_EVENT', `event source "${eventSourceName}" has no event "${eventName}"`);
        return c;
      };
      running.push(await kind.start(specs, ctx, { ports, template: es.spec.template, ...(deps.kubeconfig ? { kubeconfig: deps.kubeconfig } : {}) }));
      runningEvents += specs.size;
      if (deps.metrics) addRunningEvents(deps.metrics, eventSourceName, specs.size);
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  return {
    stop: stopAll,
    notReady: () => {
      const why = firstNotReady(running);
      return why === undefined ? undefined : `event source ${eventSourceName}: ${why}`;
    },
  };
}
