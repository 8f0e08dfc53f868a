/** Rules for one Sensor document (SY3xx). */
import { checkUnknownFields, isRecord, type Json } from './common.ts';
import { checkConditions } from './conditions-rule.ts';
import { validateDependencies } from './dependencies.ts';
import type { FindingSink } from './findings.ts';
import { validateTriggers } from './triggers.ts';

const SENSOR_SPEC_FIELDS = ['dependencies', 'triggers', 'template', 'eventBusName', 'replicas', 'errorOnFailedRound', 'loggingFields', 'revisionHistoryLimit'];

/** Sensor names key the KV bucket that holds join state. */
const SENSOR_NAME = /^[a-zA-Z0-9_-]+$/;

export function validateSensorSpec(name: string | undefined, spec: Json, out: FindingSink): void {
  if (name !== undefined && !SENSOR_NAME.test(name)) {
    out.error('SY360', 'metadata.name', `Sensor name "${name}" may only contain letters, digits, "-" and "_" (it names the sensor's state bucket)`);
  }
  checkUnknownFields(spec, SENSOR_SPEC_FIELDS, 'spec', out);
  const deps = validateDependencies(spec, out);
  const depNames = deps.map((d) => String(d.name));
  for (const [path, tpl] of validateTriggers(spec, depNames, out)) {
    if (isRecord(tpl)) checkConditions(path, tpl, deps, out);
  }
}

