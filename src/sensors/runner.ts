/**
 * Runs one compiled sensor against a bus: one durable consumer per (trigger, dependency), as Argo does.
 * For each message: decode, filter, then either fire at once (conditions without `&&`) or save the event
 * into the join state and fire when the conditions are satisfied. The message is acknowledged after the
 * trigger finished (at-least-once), or before it when the trigger sets atLeastOnce: false.
 * This module does no I/O itself: the bus and the trigger executor are handed in.
 */
import { busSubject, isPayloadTooLarge, type Bus, type BusMessage, type Consumer, type KeyValueStore } from '../bus/types.ts';
import { decodeEvent } from '../events/envelope.ts';
import { isoNow, type Logger } from '../observe/log.ts';
import type { CompiledSensor, TriggerPlan } from './compile.ts';
import type { DecisionSink, TriggerDecision } from './decision.ts';
import { evaluateDependency, stepTrigger } from './engine.ts';
import { EvalEvent, type EventsByDependency } from './event.ts';
import { JoinState, KeyedMutex } from './join-state.ts';
import { lastActivation, scheduleResets } from './conditions-reset.ts';

export interface FireRequest {
  sensor: CompiledSensor;
  plan: TriggerPlan;
  events: EventsByDependency;
}

/** Executes a trigger (render, execute, policy, retries) and says how it went. Never throws. */
export type FireFn = (req: FireRequest) => Promise<TriggerDecision>;

export interface SensorRunnerDeps {
  bus: Bus;
  fire: FireFn;
  decisions: DecisionSink;
  log: Logger;
  /** Concurrent messages per consumer of a trigger without joins. Default 64. */
  concurrency?: number;
  ackWaitMs?: number;
}

export interface RunningSensor {
  readonly name: string;
  stop(): Promise<void>;
}

/** The durable consumer name of one (sensor, trigger, dependency). */
export function consumerName(sensor: string, trigger: string, dependency: string): string {
  return `${sensor}-${trigger}-${dependency}`.replace(/[^A-Za-z0-9_-]/g, '_');
}


export async function startSensor(sensor: CompiledSensor, deps: SensorRunnerDeps): Promise<RunningSensor> {
  const log = deps.log.child({ sensor: sensor.name });
  const mutex = new KeyedMutex();
  const needsKv = sensor.triggers.some((t) => t.join);
  const kv = needsKv ? await deps.bus.kv(sensor.name) : undefined;
  /** The saved events of a join trigger. */
  const joinState = (plan: TriggerPlan): JoinState => new JoinState(kv as KeyValueStore, plan.name, (reason) => log.error('join state dropped', { trigger: plan.name, reason }));
  // A reset that came while the sensor was not running still applies: events saved before it are dropped (as Argo does).
  for (const plan of sensor.triggers) {
    const lastReset = plan.join ? lastActivation(plan.resets, new Date()) : undefined;
    if (lastReset === undefined) continue;
    const dropped = await joinState(plan).dropBefore(lastReset);
    if (dropped.length > 0) log.info('saved events older than the last conditionsReset time dropped', { trigger: plan.name, eventIds: dropped.join(','), lastReset: lastReset.toISOString() });
  }
  const consumers: Consumer[] = [];
  const ackWaitMs = deps.ackWaitMs ?? 30_000;
  // Messages whose trigger is running: one timer for the sensor tells the bus they are still being worked on.
  const firing = new Set<BusMessage>();
  const heartbeat = setInterval(() => {
    for (const msg of firing) void msg.working().catch(() => undefined);
  }, Math.max(100, Math.floor(ackWaitMs / 3)));
  heartbeat.unref();
  try {
    for (const plan of sensor.triggers) {
      for (const depName of plan.dependencies) {
        const dep = sensor.dependencies.get(depName)!;
        const handler = (msg: BusMessage): Promise<void> => handle(msg, plan, depName);
        consumers.push(
          await deps.bus.consume(
            {
              durableName: consumerName(sensor.name, plan.name, depName),
              subject: busSubject(deps.bus.stream.name, dep.eventSourceName, dep.eventName),
              maxInFlight: plan.join ? 1 : (deps.concurrency ?? 64),
              ackWaitMs,
            },
            handler,
          ),
        );
      }
    }
  } catch (err) {
    clearInterval(heartbeat);
    await Promise.all(consumers.map((c) => c.stop()));
    throw err;
  }
  const stopResets = sensor.triggers
    .filter((plan) => plan.join && plan.resets.length > 0)
    .map((plan) =>
      scheduleResets(plan.resets, () => {
        void mutex
          .run(plan.name, () => joinState(plan).clear())
          .then(
            () => log.info('join state reset by conditionsReset', { trigger: plan.name }),
            (err: unknown) => log.error('conditionsReset failed', { trigger: plan.name, err }),
          );
      }),
    );
  log.info('sensor started', { triggers: sensor.triggers.map((t) => t.name).join(','), consumers: consumers.length });

  async function handle(msg: BusMessage, plan: TriggerPlan, depName: string): Promise<void> {
    let ev: EvalEvent;
    try {
      ev = new EvalEvent(decodeEvent(msg.payload));
    } catch (err) {
      log.warn('message does not decode; acknowledged and dropped', { trigger: plan.name, seq: msg.seq, reason: (err as Error).message });
      deps.decisions({
        time: isoNow(),
        sensor: sensor.name,
        eventId: msg.msgId,
        trigger: { trigger: plan.name, status: 'skipped', reason: `message does not decode: ${(err as Error).message}` },
      });
      await msg.ack();
      return;
    }
    const dep = sensor.dependencies.get(depName)!;
    const { passed, results, event } = evaluateDependency(dep, ev);
    deps.decisions({
      time: isoNow(),
      sensor: sensor.name,
      eventId: ev.context.id,
      dependency: {
        dependency: depName,
        eventId: ev.context.id,
        eventSource: ev.context.source,
        eventName: ev.context.subject,
        matched: passed,
        filters: results,
      },
    });
    if (!passed) {
      await msg.ack();
      return;
    }
    if (!plan.join) {
      await fireAndAck(msg, plan, new Map([[depName, event]]));
      return;
    }
    await mutex.run(plan.name, async () => {
      const state = joinState(plan);
      const step = stepTrigger(plan, depName, event, await state.load());
      if (step.action === 'wait') {
        try {
          await state.save(step.saved);
        } catch (err) {
          // Saving would fail again the same way (the events are too large to keep together): not retried
          if (!isPayloadTooLarge(err)) throw err;
          const reason = `the join's events cannot be saved, so this event is dropped: ${err.message}`;
          log.error('join state cannot be saved; event dropped', { trigger: plan.name, dependency: depName, eventId: ev.context.id, reason: err.message });
          deps.decisions({ time: isoNow(), sensor: sensor.name, eventId: ev.context.id, trigger: { trigger: plan.name, status: 'skipped', reason } });
          await msg.ack();
          return;
        }
        deps.decisions({
          time: isoNow(),
          sensor: sensor.name,
          eventId: ev.context.id,
          trigger: { trigger: plan.name, status: 'waiting', reason: 'conditions not yet satisfied', dependencies: [...step.saved.keys()], waitingFor: step.waitingFor },
        });
        await msg.ack();
        return;
      }
      await fireAndAck(msg, plan, step.events, () => state.clear());
    });
  }

  async function fireAndAck(msg: BusMessage, plan: TriggerPlan, events: EventsByDependency, afterFire?: () => Promise<void>): Promise<void> {
    if (!plan.atLeastOnce) await msg.ack();
    firing.add(msg);
    let decision: TriggerDecision;
    try {
      decision = await deps.fire({ sensor, plan, events });
    } finally {
      firing.delete(msg);
    }
    let eventId: string | undefined;
    for (const ev of events.values()) eventId = ev.context.id; // the last dependency's event
    eventId ??= msg.msgId; // (read only when needed: on JetStream it means parsing the message headers)
    deps.decisions({ time: isoNow(), sensor: sensor.name, eventId, trigger: decision });
    if (afterFire) await afterFire();
    if (plan.atLeastOnce) await msg.ack();
  }

  return {
    name: sensor.name,
    async stop() {
      for (const stopReset of stopResets) stopReset();
      await Promise.all(consumers.map((c) => c.stop()));
      clearInterval(heartbeat);
      log.info('sensor stopped');
    },
  };
}
