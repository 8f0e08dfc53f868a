/** Rules for one EventBus document (SY4xx). */
import { at, isNonEmptyString, isRecord, type Json } from './common.ts';
import type { FindingSink } from './findings.ts';

/** Bus types Argo defines; `runs` says whether Switchyard can use it. */
const BUS_TYPES: Readonly<Record<string, { runs: boolean; note: string }>> = {
  jetstream: { runs: true, note: '' },
  jetstreamExotic: { runs: true, note: '' },
  nats: { runs: false, note: 'NATS Streaming (STAN) is deprecated; use jetstream' },
  kafka: { runs: false, note: 'Switchyard has no Kafka bus yet; use jetstream' },
};

export function validateEventBusSpec(spec: Json, out: FindingSink): void {
  const present = Object.keys(BUS_TYPES).filter((k) => spec[k] !== undefined && spec[k] !== null);
  if (present.length === 0) {
    out.error('SY400', 'spec', `EventBus defines no bus type; add one of ${Object.keys(BUS_TYPES).join(', ')} (e.g. jetstream: {version: latest})`);
    return;
  }
  if (present.length > 1) {
    out.error('SY401', 'spec', `EventBus defines ${present.join(' and ')}; keep exactly one`);
  }
  for (const kind of present) {
    const info = BUS_TYPES[kind];
    if (info !== undefined && !info.runs) out.warn('SY403', at('spec', kind), `bus type "${kind}" is valid but Switchyard cannot use it: ${info.note}`);
  }
  const exotic = spec.jetstreamExotic;
  if (exotic !== undefined && (!isRecord(exotic) || !isNonEmptyString(exotic.url))) {
    out.error('SY402', 'spec.jetstreamExotic.url', 'jetstreamExotic needs url: the NATS server to connect to, e.g. nats://nats:4222');
  }
}
