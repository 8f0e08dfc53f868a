import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARGO_METRICS, MetricsRegistry } from '../../src/observe/metrics.ts';

test('counters, gauges and summaries in the text format with the constant namespace label', () => {
  const m = new MetricsRegistry({ namespace: 'argo-events' });
  m.inc(ARGO_METRICS.eventsSent, 'Events sent.', { eventsource_name: 'alertmanager', event_name: 'slo-alerts' });
  m.inc(ARGO_METRICS.eventsSent, 'Events sent.', { eventsource_name: 'alertmanager', event_name: 'slo-alerts' });
  m.set(ARGO_METRICS.eventServiceRunning, 'Running services.', { eventsource_name: 'alertmanager' }, 1);
  m.observe(ARGO_METRICS.actionDuration, 'Action duration.', { sensor_name: 's', trigger_name: 't"x' }, 12.5);
  m.observe(ARGO_METRICS.actionDuration, 'Action duration.', { sensor_name: 's', trigger_name: 't"x' }, 7.5);
  const text = m.render();
  assert.match(text, /# TYPE argo_events_events_sent_total counter/);
  assert.match(text, /argo_events_events_sent_total\{namespace="argo-events",eventsource_name="alertmanager",event_name="slo-alerts"\} 2/);
  assert.match(text, /argo_events_event_service_running_total\{namespace="argo-events",eventsource_name="alertmanager"\} 1/);
  assert.match(text, /argo_events_action_duration_milliseconds_sum\{namespace="argo-events",sensor_name="s",trigger_name="t\\"x"\} 20/);
  assert.match(text, /argo_events_action_duration_milliseconds_count\{[^}]*\} 2/);
  assert.equal(m.value(ARGO_METRICS.eventsSent, { eventsource_name: 'alertmanager', event_name: 'slo-alerts' }), 2);
});

test('series handles count into the same series as inc() and observe(), and appear only once used', () => {
  const m = new MetricsRegistry({ namespace: 'ns' });
  const labels = { sensor_name: 's', trigger_name: 't' };
  const fired = m.counter(ARGO_METRICS.actionTriggered, 'Actions triggered.', labels);
  const took = m.summary(ARGO_METRICS.actionDuration, 'Action duration.', labels);
  assert.doesNotMatch(m.render(), /argo_events_action_triggered_total/, 'not exposed before the first count');
  fired.inc();
  fired.inc(2);
  m.inc(ARGO_METRICS.actionTriggered, 'Actions triggered.', labels);
  took.observe(4);
  m.observe(ARGO_METRICS.actionDuration, 'Action duration.', labels, 6);
  assert.equal(m.value(ARGO_METRICS.actionTriggered, labels), 4);
  const text = m.render();
  assert.match(text, /argo_events_action_triggered_total\{namespace="ns",sensor_name="s",trigger_name="t"\} 4/);
  assert.match(text, /argo_events_action_duration_milliseconds_sum\{[^}]*\} 10/);
  assert.match(text, /argo_events_action_duration_milliseconds_count\{[^}]*\} 2/);
});
