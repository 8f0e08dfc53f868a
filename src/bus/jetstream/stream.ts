/**
 * The stream in Argo Events' layout: one stream (settings.name, "default"), subjects `<name>.*.*`,
 * file storage; retention, discard policy and limits from StreamSettings. An existing stream is
 * brought in line where JetStream allows; what it cannot change is reported field by field.
 */
import { DiscardPolicy, RetentionPolicy, StorageType, JetStreamApiCodes, JetStreamApiError, type JetStreamManager, type StreamConfig, type StreamInfo } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { SwitchyardError } from '../../errors.ts';
import type { StreamSettings } from '../types.ts';

export interface WantedStream {
  name: string;
  subjects: string[];
  storage: StorageType;
  retention: RetentionPolicy;
  discard: DiscardPolicy;
  max_msgs: number;
  max_bytes: number;
  /** Nanoseconds, as JetStream counts. */
  max_age: number;
  duplicate_window: number;
  num_replicas: number;
}

/** Fields JetStream refuses to change on an existing stream. */
const FIXED = ['storage', 'retention'] as const;
const UPDATABLE = ['discard', 'max_msgs', 'max_bytes', 'max_age', 'duplicate_window', 'num_replicas'] as const;
type Field = (typeof FIXED)[number] | (typeof UPDATABLE)[number] | 'subjects';

/** JetStream's error code for "replicas > 1 not supported in non-clustered mode". */
const ERR_REPLICAS_NOT_CLUSTERED = 10074;

export function streamSubject(settings: Readonly<StreamSettings>): string {
  return `${settings.name}.*.*`;
}

export function wantedStream(settings: Readonly<StreamSettings>): WantedStream {
  const duplicates = nanos(settings.duplicatesMs);
  const maxAge = settings.maxAgeMs > 0 ? nanos(settings.maxAgeMs) : 0;
  return {
    name: settings.name,
    subjects: [streamSubject(settings)],
    storage: StorageType.File,
    retention: settings.retention === 'interest' ? RetentionPolicy.Interest : RetentionPolicy.Limits,
    discard: settings.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
    max_msgs: settings.maxMsgs,
    max_bytes: settings.maxBytes,
    max_age: maxAge,
    // JetStream requires the duplicates window to fit inside max_age.
    duplicate_window: maxAge > 0 ? Math.min(duplicates, maxAge) : duplicates,
    num_replicas: Math.max(1, settings.replicas),
  };
}

export interface Difference {
  field: Field;
  existing: unknown;
  wanted: unknown;
}

/** The subjects the existing stream lacks (it may also capture more; that is left alone). */
function missingSubjects(existing: StreamConfig, wanted: WantedStream): string[] {
  const have = new Set(existing.subjects ?? []);
  if (have.has(`${wanted.name}.>`)) return [];
  return wanted.subjects.filter((s) => !have.has(s));
}

export function differences(existing: StreamConfig, wanted: WantedStream): Difference[] {
  const out: Difference[] = [];
  for (const field of [...FIXED, ...UPDATABLE]) {
    const e: unknown = existing[field];
    if (e !== wanted[field]) out.push({ field, existing: e, wanted: wanted[field] });
  }
  if (missingSubjects(existing, wanted).length > 0) {
    out.push({ field: 'subjects', existing: existing.subjects ?? [], wanted: wanted.subjects });
  }
  return out;
}

function describe(d: Difference): string {
  return `${d.field} is ${JSON.stringify(d.existing)}, wanted ${JSON.stringify(d.wanted)}`;
}

function mismatch(name: string, diffs: Difference[], cause?: unknown): SwitchyardError {
  const reason = cause instanceof Error ? ` (JetStream said: ${cause.message})` : '';
  return new SwitchyardError(
    'BUS_STREAM_MISMATCH',
    `JetStream stream "${name}" exists with settings Switchyard could not change: ${diffs.map(describe).join('; ')}${reason}. ` +
      'Change the EventBus streamConfig to match the stream, or delete the stream so it is created afresh (its messages are lost).',
    { errorClass: 'stop', cause },
  );
}

export async function existingInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (err) {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw err;
  }
}

function isNotClustered(err: unknown): boolean {
  return err instanceof JetStreamApiError && err.code === ERR_REPLICAS_NOT_CLUSTERED;
}

export interface EnsuredStream {
  /** Replicas the stream has (1 on a server that is not clustered). */
  replicas: number;
  /** Fields that were changed on an existing stream. */
  updated: Difference[];
  /** The server that leads the stream, on a cluster (publishes and pulls through any other server take one more hop). */
  leader: string | undefined;
  /** When the stream was created: a stream deleted and created again has sequences starting afresh at 1. */
  created: string;
}

/**
 * Creates the stream or brings an existing one in line. `clustered` false means the server cannot
 * hold replicas, so 1 is used instead of the wanted count.
 */
export async function ensureStream(jsm: JetStreamManager, wanted: WantedStream, clustered: boolean): Promise<EnsuredStream> {
  const want: WantedStream = clustered ? wanted : { ...wanted, num_replicas: 1 };
  const info = await existingInfo(jsm, want.name);
  if (!info) {
    let added: StreamInfo;
    try {
      added = await jsm.streams.add(want);
    } catch (err) {
      if (!isNotClustered(err) || want.num_replicas === 1) throw err;
      added = await jsm.streams.add({ ...want, num_replicas: 1 });
    }
    return { replicas: added.config.num_replicas, updated: [], leader: added.cluster?.leader, created: added.created };
  }
  const diffs = differences(info.config, want);
  const fixed = diffs.filter((d) => (FIXED as readonly string[]).includes(d.field));
  const changeable = diffs.filter((d) => !(FIXED as readonly string[]).includes(d.field));
  let leader = info.cluster?.leader;
  if (changeable.length > 0) {
    const update: Partial<StreamConfig> = { ...info.config };
    for (const d of changeable) {
      if (d.field === 'subjects') update.subjects = [...(info.config.subjects ?? []), ...missingSubjects(info.config, want)];
      else Object.assign(update, { [d.field]: want[d.field] });
    }
    try {
      leader = (await jsm.streams.update(want.name, update)).cluster?.leader ?? leader;
    } catch (err) {
      throw mismatch(want.name, [...fixed, ...changeable], err);
    }
  }
  if (fixed.length > 0) throw mismatch(want.name, fixed);
  return { replicas: changeable.some((d) => d.field === 'num_replicas') ? want.num_replicas : info.config.num_replicas, updated: changeable, leader, created: info.created };
}
