/** The last conditionsReset time a sensor may have missed while it was not running. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCron } from '../../src/lang/cron/index.ts';
import { lastActivation } from '../../src/sensors/conditions-reset.ts';

const at = (iso: string): Date => new Date(iso);

test('the latest activation at or before now, for frequent and rare schedules', () => {
  const now = at('2026-11-24T19:07:30Z');
  assert.equal(lastActivation([parseCron('* * * * *')], now)?.toISOString(), '2026-11-24T19:07:00.000Z');
  assert.equal(lastActivation([parseCron('0 0 * * *')], now)?.toISOString(), '2026-11-24T00:00:00.000Z');
  assert.equal(lastActivation([parseCron('30 9 * * MON')], now)?.toISOString(), '2026-11-23T09:30:00.000Z');
  assert.equal(lastActivation([parseCron('@yearly')], now)?.toISOString(), '2026-01-01T00:00:00.000Z');
  assert.equal(lastActivation([parseCron('0 0 29 2 *')], now)?.toISOString(), '2024-02-29T00:00:00.000Z');
  // an activation exactly now counts
  assert.equal(lastActivation([parseCron('7 19 * * *')], at('2026-11-24T19:07:00Z'))?.toISOString(), '2026-11-24T19:07:00.000Z');
});

test('of several schedules, the latest wins; time zones are honoured', () => {
  const now = at('2026-11-24T19:07:30Z');
  assert.equal(lastActivation([parseCron('0 0 * * *'), parseCron('0 12 * * *')], now)?.toISOString(), '2026-11-24T12:00:00.000Z');
  // midnight in Tokyo (UTC+9) is 15:00 UTC the day before
  assert.equal(lastActivation([parseCron('0 0 * * *', { timeZone: 'Asia/Tokyo' })], now)?.toISOString(), '2026-11-24T15:00:00.000Z');
});

test('@every schedules have no last activation: they count from when the sensor starts', () => {
  assert.equal(lastActivation([parseCron('@every 1h')], new Date()), undefined);
  assert.equal(lastActivation([], new Date()), undefined);
  assert.equal(lastActivation([parseCron('@every 5m'), parseCron('0 0 * * *')], at('2026-11-24T19:07:30Z'))?.toISOString(), '2026-11-24T00:00:00.000Z');
});
