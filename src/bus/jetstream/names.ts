/**
 * JetStream consumer names. JetStream rejects names with '.', '*', '>', whitespace or path separators,
 * and long names become long file names on the server. A durable name that is already safe and at most
 * MAX_PLAIN characters is used as it is. Any other name maps to a readable prefix (unsafe characters
 * replaced by '_', cut to PREFIX characters) plus '-' and the FNV-32a hash of the whole original name
 * in 8 hex digits, so the mapping is deterministic and two different names rarely collide.
 */
const SAFE = /^[A-Za-z0-9_-]+$/;
const MAX_PLAIN = 64;
const PREFIX = 48;

/** FNV-1a, 32 bits, over the UTF-8 bytes (the hash Argo Events uses for its consumer names). */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function consumerName(durableName: string): string {
  if (SAFE.test(durableName) && durableName.length <= MAX_PLAIN) return durableName;
  const prefix = durableName.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, PREFIX);
  const hash = fnv32a(durableName).toString(16).padStart(8, '0');
  return `${prefix}-${hash}`;
}

/** Argo Events' name for the consumer of a (sensor, trigger, dependency): `group-<FNV-32a decimal>`. */
export function argoConsumerName(sensor: string, trigger: string, dependency: string): string {
  return `group-${fnv32a(`${sensor}-${trigger}-${dependency}`)}`;
}
