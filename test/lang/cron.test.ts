import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCron } from '../../src/lang/cron/index.ts';

const at = (iso: string) => new Date(iso);
const next = (spec: string, from: string, opts = {}) => parseCron(spec, opts).next(at(from)).toISOString();

test('five fields with steps, ranges, lists and names', () => {
  assert.equal(next('*/15 * * * *', '2026-11-23T10:07:30Z'), '2026-11-23T10:15:00.000Z');
  assert.equal(next('0 9-17 * * MON-FRI', '2026-11-21T12:00:00Z'), '2026-11-23T09:00:00.000Z'); // Saturday -> Monday
  assert.equal(next('30 2 1,15 * *', '2026-11-02T00:00:00Z'), '2026-11-15T02:30:00.000Z');
  assert.equal(next('0 0 1 JAN *', '2026-11-23T00:00:00Z'), '2027-01-01T00:00:00.000Z');
  assert.equal(next('0 0 * * *', '2026-11-23T00:00:00Z'), '2026-11-24T00:00:00.000Z', 'strictly after');
});

test('day of month and day of week are OR-ed when both are restricted', () => {
  // The 1st of the month or any Friday: from Mon 2026-11-23 the next is Fri 2026-11-27.
  assert.equal(next('0 0 1 * FRI', '2026-11-23T00:00:00Z'), '2026-11-27T00:00:00.000Z');
  // Only Fridays that are the 13th would be AND: not robfig's rule.
});

test('time zones, by option and by CRON_TZ prefix, across DST', () => {
  assert.equal(next('0 9 * * *', '2026-11-23T00:00:00Z', { timeZone: 'America/New_York' }), '2026-11-23T14:00:00.000Z');
  assert.equal(next('CRON_TZ=Europe/Berlin 0 9 * * *', '2026-07-01T00:00:00Z'), '2026-07-01T07:00:00.000Z');
  assert.equal(next('TZ=Europe/Berlin 0 9 * * *', '2026-12-01T00:00:00Z'), '2026-12-01T08:00:00.000Z');
  // Europe/Berlin leaves DST on 2026-10-25: 09:00 local is 08:00 UTC on and after that day.
  assert.equal(next('0 9 * * *', '2026-10-24T12:00:00Z', { timeZone: 'Europe/Berlin' }), '2026-10-25T08:00:00.000Z');
  // midnight right after a day that lost an hour (DST starts) is not skipped
  assert.equal(next('0 0 * * 1', '2025-03-08T15:00:00Z', { timeZone: 'America/New_York' }), '2025-03-10T04:00:00.000Z');
  assert.equal(next('0 0 * * 1', '2025-03-29T12:00:00Z', { timeZone: 'Europe/Berlin' }), '2025-03-30T22:00:00.000Z');
  // and after a day that gained one (DST ends)
  assert.equal(next('0 0 * * 1', '2025-11-01T12:00:00Z', { timeZone: 'America/New_York' }), '2025-11-03T05:00:00.000Z');
  assert.equal(next('30 0 * * *', '2025-03-09T04:00:00Z', { timeZone: 'America/New_York' }), '2025-03-09T05:30:00.000Z');
  assert.equal(next('30 0 * * *', '2025-03-09T06:00:00Z', { timeZone: 'America/New_York' }), '2025-03-10T04:30:00.000Z');
  // where clocks jump at midnight (00:00 -> 01:00), that day starts at 01:00
  assert.equal(next('30 1 * * 0', '2024-09-06T12:00:00Z', { timeZone: 'America/Santiago' }), '2024-09-08T04:30:00.000Z');
  assert.equal(next('30 1 * * 0', '2025-03-07T12:00:00Z', { timeZone: 'America/Havana' }), '2025-03-09T05:30:00.000Z');
});

test('descriptors, and refusing them where not allowed', () => {
  assert.equal(next('@hourly', '2026-11-23T10:07:00Z'), '2026-11-23T11:00:00.000Z');
  assert.equal(next('@every 90s', '2026-11-23T10:00:00Z'), '2026-11-23T10:01:30.000Z');
  assert.throws(() => parseCron('@daily', { descriptors: false }), /descriptors/);
});

test('invalid schedules say what is wrong', () => {
  assert.throws(() => parseCron('* * * *'), /4 fields/);
  assert.throws(() => parseCron('61 * * * *'), /minute 61 is out of range/);
  assert.throws(() => parseCron('* * * FOO *'), /month "FOO"/);
  assert.throws(() => parseCron('*/0 * * * *'), /step/);
  assert.throws(() => parseCron('0 0 * * *', { timeZone: 'Mars/Olympus' }), /time zone/);
});
