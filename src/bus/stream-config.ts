/**
 * Stream settings from an EventBus manifest's `streamConfig` (a YAML string, as Argo Events reads it):
 * maxMsgs, maxAge (Go duration), maxBytes (a number or a size such as 1GB), replicas, duplicates (Go duration),
 * retention (0 limits, 1 interest; 2 workqueue is refused: no sensor could read such a stream) and discard (0 old, 1 new).
 * Fields not given keep Argo's defaults (DEFAULT_STREAM). A field given with no value (`duplicates:`) is
 * read as Argo reads it, as zero, which JetStream takes as: no limit (maxMsgs, maxBytes, maxAge), its own
 * 2-minute duplicates window, 1 replica, limits retention, discard old. Pure: no I/O.
 */
import { parse as parseYaml } from 'yaml';
import type { EventBus } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';
import { parseGoDuration } from '../triggers/duration.ts';
import { DEFAULT_STREAM, type StreamSettings } from './types.ts';

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, k: 1024, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

function fail(field: string, value: unknown, want: string): never {
  throw new SwitchyardError('EVENTBUS_STREAM_CONFIG', `EventBus streamConfig.${field} ${JSON.stringify(value)} is not ${want}`);
}

function count(field: string, v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n) || (n < 0 && n !== -1)) fail(field, v, 'a number (-1 for unlimited)');
  return Math.floor(n);
}

function size(field: string, v: unknown): number {
  if (typeof v === 'number') return count(field, v);
  const m = typeof v === 'string' ? /^\s*(-?\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(v) : null;
  const unit = SIZE_UNITS[(m?.[2] ?? '').toLowerCase() || 'b'];
  if (!m || unit === undefined) fail(field, v, 'a size such as 1073741824, 512MB or 1GiB');
  return Math.floor(Number(m[1]) * unit);
}

function duration(field: string, v: unknown): number {
  if (typeof v === 'number') return v / 1e6; // an integer is nanoseconds, as a Go time.Duration
  if (typeof v !== 'string') fail(field, v, 'a duration such as 72h');
  try {
    return parseGoDuration(v, `EventBus streamConfig.${field}`);
  } catch (cause) {
    throw new SwitchyardError('EVENTBUS_STREAM_CONFIG', (cause as Error).message, { cause });
  }
}

/** JetStream's own duplicates window, used when the window is 0. */
const JETSTREAM_DUPLICATES_MS = 120_000;
/** Argo's numbers: 0 limits, 1 interest, 2 workqueue. */
const RETENTION = ['limits', 'interest', 'workqueue'] as const;
const DISCARD = ['old', 'new'] as const;

/** One of `names` by its number in Argo's streamConfig (0, 1, ...). */
function policy<T extends string>(field: string, v: unknown, names: readonly T[]): T {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  const name = Number.isInteger(n) ? names[n] : undefined;
  if (name === undefined) fail(field, v, names.map((x, i) => `${i} (${x})`).join(', or '));
  return name;
}

export function streamSettingsFrom(bus: EventBus | undefined): StreamSettings {
  const settings: StreamSettings = { ...DEFAULT_STREAM };
  const spec = bus?.spec.jetstream ?? bus?.spec.jetstreamExotic;
  const text = spec?.streamConfig;
  const replicas = bus?.spec.jetstream?.replicas;
  if (typeof replicas === 'number') settings.replicas = replicas;
  if (!text) return settings;
  let cfg: unknown;
  try {
    cfg = parseYaml(text);
  } catch (cause) {
    throw new SwitchyardError('EVENTBUS_STREAM_CONFIG', `EventBus streamConfig is not valid YAML: ${(cause as Error).message}`, { cause });
  }
  if (cfg === null || cfg === undefined) return settings;
  if (typeof cfg !== 'object' || Array.isArray(cfg)) fail('', cfg, 'a YAML mapping');
  const c = cfg as Record<string, unknown>;
  // no value is zero, as Argo reads it; JetStream turns zero limits into "unlimited"
  const given = (field: string): unknown => (c[field] === null ? 0 : c[field]);
  const unlimitedAtZero = (n: number): number => (n === 0 ? -1 : n);
  if (c['maxMsgs'] !== undefined) settings.maxMsgs = unlimitedAtZero(count('maxMsgs', given('maxMsgs')));
  if (c['maxBytes'] !== undefined) settings.maxBytes = unlimitedAtZero(size('maxBytes', given('maxBytes')));
  if (c['maxAge'] !== undefined) settings.maxAgeMs = duration('maxAge', given('maxAge'));
  if (c['duplicates'] !== undefined) settings.duplicatesMs = duration('duplicates', given('duplicates')) || JETSTREAM_DUPLICATES_MS;
  if (c['replicas'] !== undefined) settings.replicas = Math.max(1, count('replicas', given('replicas')));
  if (c['retention'] !== undefined) {
    const retention = policy('retention', given('retention'), RETENTION);
    if (retention === 'workqueue') {
      // JetStream gives each subject of a workqueue stream to one consumer, delivering from the start; sensors have
      // a consumer per trigger and dependency, created to deliver new events, so none could start (Argo's neither)
      throw new SwitchyardError(
        'EVENTBUS_STREAM_CONFIG',
        'EventBus streamConfig.retention 2 (workqueue) cannot serve sensors: JetStream lets only one consumer read a subject of a workqueue stream, and each sensor trigger has its own; use 0 (limits) or 1 (interest)',
      );
    }
    settings.retention = retention;
  }
  if (c['discard'] !== undefined) settings.discard = policy('discard', given('discard'), DISCARD);
  return settings;
}
