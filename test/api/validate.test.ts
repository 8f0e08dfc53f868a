import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { validateResource, type Finding } from '../../src/api/validate/index.ts';
import { eventBus, eventSource, sensor, type Obj } from './fixtures.ts';

type Case = [title: string, base: () => Obj, mutate: (o: Obj) => void, code: string, severity: 'error' | 'warning', path?: string];

const wh = (o: Obj): Obj => o.spec.webhook['slo-alerts'];
const dep = (o: Obj): Obj => o.spec.dependencies[0];
const df = (o: Obj): Obj => o.spec.dependencies[0].filters.data[0];
const trig = (o: Obj): Obj => o.spec.triggers[0];
const tpl = (o: Obj): Obj => o.spec.triggers[0].template;
const wf = (o: Obj): Obj => o.spec.triggers[0].template.argoWorkflow;
const param = (o: Obj): Obj => o.spec.triggers[0].template.argoWorkflow.parameters[0];

const httpTrigger = (o: Obj): void => {
  delete tpl(o).argoWorkflow;
  tpl(o).http = { url: 'http://example.test/hook', method: 'POST', payload: [{ src: { dependencyName: 'slo-alert', dataKey: 'body' } }] };
};

const cases: Case[] = [
  // structure
  ['apiVersion wrong', eventSource, (o) => { o.apiVersion = 'argoproj.io/v1'; }, 'SY102', 'error', 'apiVersion'],
  ['apiVersion missing on an Argo kind', sensor, (o) => { delete o.apiVersion; }, 'SY102', 'error'],
  ['kind missing under argoproj.io', eventSource, (o) => { delete o.kind; }, 'SY103', 'error', 'kind'],
  ['metadata.name missing', eventSource, (o) => { o.metadata = { generateName: 'x-' }; }, 'SY104', 'error', 'metadata.name'],
  ['metadata.name not a Kubernetes name', eventBus, (o) => { o.metadata.name = 'Default_Bus'; }, 'SY105', 'error'],
  ['spec missing', eventBus, (o) => { delete o.spec; }, 'SY106', 'error', 'spec'],
  ['list field of the wrong type', sensor, (o) => { dep(o).filters.data = { path: 'x' }; }, 'SY107', 'error'],
  ['unknown field with a close match', sensor, (o) => { dep(o).eventsourcename = 'x'; }, 'SY108', 'warning', 'spec.dependencies[0].eventsourcename'],
  ['trigger field inside template', sensor, (o) => { tpl(o).atLeastOnce = true; }, 'SY108', 'warning', 'spec.triggers[0].template.atLeastOnce'],
  // event sources
  ['no source at all', eventSource, (o) => { o.spec = { eventBusName: 'default' }; }, 'SY200', 'error', 'spec'],
  ['unknown spec field', eventSource, (o) => { o.spec.webhooks = {}; }, 'SY201', 'warning', 'spec.webhooks'],
  ['valid kind Switchyard cannot run', eventSource, (o) => { o.spec = { kafka: { ev: { url: 'k:9092', topic: 't' } } }; }, 'SY202', 'warning', 'spec.kafka'],
  ['source kind not a map of events', eventSource, (o) => { o.spec.webhook = []; }, 'SY203', 'error'],
  ['EventSource name with a dot', eventSource, (o) => { o.metadata.name = 'alert.manager'; }, 'SY204', 'error', 'metadata.name'],
  ['event name with whitespace', eventSource, (o) => { o.spec.webhook = { 'slo alerts': { port: '1', endpoint: '/a', method: 'POST' } }; }, 'SY205', 'error'],
  ['event name with >', eventSource, (o) => { o.spec.webhook = { 'a>': { port: '1', endpoint: '/a', method: 'POST' } }; }, 'SY205', 'error'],
  ['mixing active-active and leader-elected kinds', eventSource, (o) => { o.spec.calendar = { tick: { interval: '10s' } }; }, 'SY206', 'error', 'spec'],
  ['replicas below 1', eventSource, (o) => { o.spec.replicas = 0; }, 'SY207', 'error'],
  ['webhook port missing', eventSource, (o) => { delete wh(o).port; }, 'SY210', 'error', 'spec.webhook.slo-alerts.port'],
  ['webhook port out of range', eventSource, (o) => { wh(o).port = '70000'; }, 'SY210', 'error'],
  ['webhook port not an integer', eventSource, (o) => { wh(o).port = '12000a'; }, 'SY210', 'error'],
  ['webhook endpoint without /', eventSource, (o) => { wh(o).endpoint = 'webhook'; }, 'SY211', 'error'],
  ['webhook endpoint missing', eventSource, (o) => { delete wh(o).endpoint; }, 'SY211', 'error'],
  ['webhook method lower case', eventSource, (o) => { wh(o).method = 'post'; }, 'SY212', 'error'],
  ['webhook method missing', eventSource, (o) => { delete wh(o).method; }, 'SY212', 'error'],
  ['webhook maxPayloadSize zero', eventSource, (o) => { wh(o).maxPayloadSize = 0; }, 'SY213', 'error'],
  ['calendar without schedule or interval', eventSource, (o) => { o.spec = { calendar: { tick: {} } }; }, 'SY220', 'error'],
  ['calendar descriptor', eventSource, (o) => { o.spec = { calendar: { tick: { schedule: '@daily' } } }; }, 'SY220', 'error'],
  ['calendar bad interval', eventSource, (o) => { o.spec = { calendar: { tick: { interval: '10 seconds' } } }; }, 'SY220', 'error'],
  ['resource without version', eventSource, (o) => { o.spec = { resource: { pods: { resource: 'pods', eventTypes: ['ADD'] } } }; }, 'SY230', 'error'],
  ['resource bad event type', eventSource, (o) => { o.spec = { resource: { pods: { version: 'v1', resource: 'pods', eventTypes: ['CREATE'] } } }; }, 'SY231', 'error'],
  // sensors: dependencies and filters
  ['no dependencies', sensor, (o) => { o.spec.dependencies = []; }, 'SY300', 'error', 'spec.dependencies'],
  ['duplicate dependency name', sensor, (o) => { o.spec.dependencies.push({ ...dep(o) }); }, 'SY301', 'error', 'spec.dependencies[1].name'],
  ['dependency without name', sensor, (o) => { delete dep(o).name; }, 'SY301', 'error'],
  ['dependency without eventName', sensor, (o) => { delete dep(o).eventName; }, 'SY302', 'error', 'spec.dependencies[0].eventName'],
  ['dependency eventSourceName with *', sensor, (o) => { dep(o).eventSourceName = 'alert*'; }, 'SY302', 'error'],
  ['filtersLogicalOperator invalid', sensor, (o) => { dep(o).filtersLogicalOperator = 'AND'; }, 'SY303', 'error'],
  ['dataLogicalOperator invalid', sensor, (o) => { dep(o).filters.dataLogicalOperator = 'xor'; }, 'SY303', 'error'],
  ['exprLogicalOperator invalid', sensor, (o) => { dep(o).filters.exprLogicalOperator = '&&'; }, 'SY303', 'error'],
  ['data filter without value', sensor, (o) => { df(o).value = []; }, 'SY304', 'error'],
  ['data filter without path', sensor, (o) => { delete df(o).path; }, 'SY304', 'error'],
  ['data filter type boolean', sensor, (o) => { df(o).type = 'boolean'; }, 'SY305', 'error'],
  ['string filter with >', sensor, (o) => { df(o).comparator = '>'; }, 'SY306', 'error'],
  ['unknown comparator', sensor, (o) => { df(o).comparator = '=='; }, 'SY306', 'error'],
  ['bool filter with != is ignored', sensor, (o) => { Object.assign(df(o), { type: 'bool', value: ['true'], comparator: '!=' }); }, 'SY306', 'warning'],
  ['number filter value not a number', sensor, (o) => { Object.assign(df(o), { type: 'number', value: ['ten'], comparator: '>' }); }, 'SY307', 'error'],
  ['bool filter value not a bool', sensor, (o) => { Object.assign(df(o), { type: 'bool', value: ['yes'] }); }, 'SY307', 'error'],
  ['string filter value not a regex', sensor, (o) => { df(o).value = ['(unclosed']; }, 'SY307', 'error'],
  ['expr filter without fields', sensor, (o) => { dep(o).filters.exprs = [{ expr: 'a == 1' }]; }, 'SY308', 'error'],
  ['transform without jq or script', sensor, (o) => { dep(o).transform = {}; }, 'SY308', 'error'],
  ['empty context filter', sensor, (o) => { dep(o).filters.context = {}; }, 'SY309', 'error'],
  ['conditions syntax', sensor, (o) => { tpl(o).conditions = 'slo-alert &&'; }, 'SY310', 'error', 'spec.triggers[0].template.conditions'],
  ['conditions with an unknown name', sensor, (o) => { tpl(o).conditions = 'slo-alert && other'; }, 'SY311', 'error'],
  ['conditions comparing data', sensor, (o) => { tpl(o).conditions = "slo-alert.labels.slo == 'x'"; }, 'SY312', 'error'],
  ['time filter bad clock', sensor, (o) => { dep(o).filters.time = { start: '25:00:00', stop: '01:00:00' }; }, 'SY313', 'error'],
  ['time filter start equals stop', sensor, (o) => { dep(o).filters.time = { start: '01:00:00', stop: '01:00:00' }; }, 'SY313', 'error'],
  // sensors: triggers
  ['no triggers', sensor, (o) => { o.spec.triggers = []; }, 'SY320', 'error', 'spec.triggers'],
  ['trigger without template', sensor, (o) => { delete trig(o).template; }, 'SY321', 'error'],
  ['trigger without name', sensor, (o) => { delete tpl(o).name; }, 'SY321', 'error'],
  ['duplicate trigger names', sensor, (o) => { o.spec.triggers.push(structuredClone(trig(o))); }, 'SY321', 'error', 'spec.triggers[1].template.name'],
  ['trigger without type', sensor, (o) => { delete tpl(o).argoWorkflow; }, 'SY322', 'error', 'spec.triggers[0].template'],
  ['trigger with two types', sensor, (o) => { tpl(o).log = {}; }, 'SY323', 'warning'],
  ['trigger type Switchyard cannot run', sensor, (o) => { delete tpl(o).argoWorkflow; tpl(o).kafka = { url: 'k', topic: 't', payload: [] }; }, 'SY324', 'warning'],
  ['parameter without src', sensor, (o) => { delete param(o).src; }, 'SY330', 'error'],
  ['parameter naming no dependency', sensor, (o) => { param(o).src.dependencyName = 'nope'; }, 'SY331', 'error', 'spec.triggers[0].template.argoWorkflow.parameters[0].src.dependencyName'],
  ['trigger-level parameter naming no dependency', sensor, (o) => { trig(o).parameters = [{ src: { dependencyName: 'nope' }, dest: 'x' }]; }, 'SY331', 'error'],
  ['http payload naming no dependency', sensor, (o) => { httpTrigger(o); tpl(o).http.payload[0].src.dependencyName = 'nope'; }, 'SY331', 'error'],
  ['http dynamicHeaders naming no dependency', sensor, (o) => { httpTrigger(o); tpl(o).http.dynamicHeaders = [{ src: { dependencyName: 'nope' }, dest: 'X-A' }]; }, 'SY331', 'error'],
  ['parameter without dest', sensor, (o) => { delete param(o).dest; }, 'SY332', 'error'],
  ['parameter operation invalid', sensor, (o) => { param(o).operation = 'replace'; }, 'SY333', 'error'],
  ['http without url', sensor, (o) => { httpTrigger(o); delete tpl(o).http.url; }, 'SY340', 'error'],
  ['http with old serverURL', sensor, (o) => { httpTrigger(o); delete tpl(o).http.url; tpl(o).http.serverURL = 'http://x'; }, 'SY340', 'error'],
  ['http method invalid', sensor, (o) => { httpTrigger(o); tpl(o).http.method = 'FETCH'; }, 'SY341', 'error'],
  ['argoWorkflow operation invalid', sensor, (o) => { wf(o).operation = 'create'; }, 'SY342', 'error'],
  ['argoWorkflow operation missing', sensor, (o) => { delete wf(o).operation; }, 'SY342', 'error'],
  ['argoWorkflow without source', sensor, (o) => { delete wf(o).source; }, 'SY343', 'error'],
  ['k8s without source', sensor, (o) => { delete tpl(o).argoWorkflow; tpl(o).k8s = { operation: 'create' }; }, 'SY344', 'error'],
  ['k8s operation invalid', sensor, (o) => { delete tpl(o).argoWorkflow; tpl(o).k8s = { operation: 'apply', source: { resource: {} } }; }, 'SY345', 'error'],
  ['source with no location', sensor, (o) => { wf(o).source = { other: 1 }; }, 'SY346', 'error'],
  ['slack without token', sensor, (o) => { delete tpl(o).argoWorkflow; tpl(o).slack = { channel: 'c' }; }, 'SY347', 'error'],
  ['kafka without topic', sensor, (o) => { delete tpl(o).argoWorkflow; tpl(o).kafka = { url: 'k', payload: [] }; }, 'SY348', 'error'],
  ['retry steps negative', sensor, (o) => { trig(o).retryStrategy.steps = -1; }, 'SY350', 'error'],
  ['retry duration not a duration', sensor, (o) => { trig(o).retryStrategy.duration = '1 second'; }, 'SY350', 'error'],
  ['retry factor not a number', sensor, (o) => { trig(o).retryStrategy.factor = 'fast'; }, 'SY350', 'error'],
  ['rateLimit unit invalid', sensor, (o) => { trig(o).rateLimit = { unit: 'Day', requestsPerUnit: 1 }; }, 'SY351', 'error'],
  ['rateLimit requestsPerUnit zero', sensor, (o) => { trig(o).rateLimit = { unit: 'Second', requestsPerUnit: 0 }; }, 'SY351', 'error'],
  ['dlqTrigger without atLeastOnce', sensor, (o) => { trig(o).dlqTrigger = { template: { name: 'dlq', log: {} }, atLeastOnce: true }; }, 'SY352', 'error'],
  ['policy.k8s without labels', sensor, (o) => { trig(o).policy = { k8s: {} }; }, 'SY353', 'error'],
  ['conditionsReset with a bad cron', sensor, (o) => { tpl(o).conditionsReset = [{ byTime: { cron: '* *' } }]; }, 'SY354', 'error'],
  ['sensor name not a bucket name', sensor, (o) => { o.metadata.name = 'slo.remediation'; }, 'SY360', 'error', 'metadata.name'],
  // event bus
  ['bus without type', eventBus, (o) => { o.spec = {}; }, 'SY400', 'error'],
  ['bus with two types', eventBus, (o) => { o.spec.kafka = { url: 'k' }; }, 'SY401', 'error'],
  ['jetstreamExotic without url', eventBus, (o) => { o.spec = { jetstreamExotic: {} }; }, 'SY402', 'error'],
  ['STAN bus', eventBus, (o) => { o.spec = { nats: { native: {} } }; }, 'SY403', 'warning'],
];

const brief = (fs: Finding[]): string => fs.map((f) => `${f.code} ${f.severity} ${f.path}: ${f.message}`).join('\n');

describe('validateResource: the valid bases have no findings', () => {
  for (const [name, make] of [['EventSource', eventSource], ['Sensor', sensor], ['EventBus', eventBus]] as const) {
    test(name, () => assert.deepEqual(validateResource(make()), []));
  }
});

describe('validateResource: each rule', () => {
  for (const [title, base, mutate, code, severity, path] of cases) {
    test(`${code} ${title}`, () => {
      const obj = base();
      mutate(obj);
      const findings = validateResource(obj);
      const hit = findings.find((f) => f.code === code && f.severity === severity && (path === undefined || f.path === path));
      assert.ok(hit, `expected ${code} ${severity}${path ? ` at ${path}` : ''}, got:\n${brief(findings)}`);
      assert.ok(hit.message.length > 10);
      assert.ok(hit.resource?.includes('/'));
    });
  }
});

describe('validateResource: accepted variants', () => {
  const accepts = (title: string, base: () => Obj, mutate: (o: Obj) => void) =>
    test(title, () => {
      const o = base();
      mutate(o);
      const errors = validateResource(o).filter((f) => f.severity === 'error');
      assert.deepEqual(errors, [], brief(errors));
    });
  accepts('webhook port as a number', eventSource, (o) => { wh(o).port = 12000; });
  accepts('every HTTP trigger payload may omit dest', sensor, httpTrigger);
  accepts('conditions with && || and parentheses', sensor, (o) => {
    o.spec.dependencies.push({ name: 'dep-b', eventSourceName: 'a', eventName: 'b' }, { name: 'dep_c', eventSourceName: 'a', eventName: 'c' });
    tpl(o).conditions = '(slo-alert || dep-b) && dep_c';
  });
  accepts('conditions may write - as _ (Argo treats them alike)', sensor, (o) => { tpl(o).conditions = 'slo_alert'; });
  accepts('empty conditions', sensor, (o) => { tpl(o).conditions = ''; });
  accepts('number filter with comparators', sensor, (o) => { Object.assign(df(o), { type: 'number', value: ['10', '2.5'], comparator: '>=' }); });
  accepts('bool filter', sensor, (o) => { Object.assign(df(o), { type: 'bool', value: ['false'] }); });
  accepts('retry duration as integer nanoseconds and string factor', sensor, (o) => { Object.assign(trig(o).retryStrategy, { duration: 1000000000, factor: '2', jitter: 0.1 }); });
  accepts('placeholder dependencyName patched by a trigger-level parameter', sensor, (o) => {
    param(o).src.dependencyName = 'THIS_WILL_BE_REPLACED';
    trig(o).parameters = [{ src: { dependencyName: 'slo-alert', dataKey: 'body.dep' }, dest: 'argoWorkflow.parameters.0.src.dependencyName' }];
  });
  accepts('calendar with CRON_TZ', eventSource, (o) => { o.spec = { calendar: { tick: { schedule: 'CRON_TZ=UTC */5 * * * *' } } }; });
  accepts('dlqTrigger with atLeastOnce on both', sensor, (o) => { trig(o).atLeastOnce = true; trig(o).dlqTrigger = { template: { name: 'dlq', log: {} }, atLeastOnce: true }; });
});

describe('validateResource: documents that are not Switchyard resources', () => {
  test('a Service yields nothing', () => assert.deepEqual(validateResource({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }), []));
  test('a non-mapping document is SY101', () => assert.equal(validateResource(['a'])[0]?.code, 'SY101'));
  test('a WorkflowTemplate only needs its metadata and spec', () => {
    assert.deepEqual(validateResource({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'wt' }, spec: {} }), []);
    assert.equal(validateResource({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: {}, spec: {} })[0]?.code, 'SY104');
  });
});

describe('the SY312 message for the slo-remediation case', () => {
  test('explains and shows the dependency and trigger to write', () => {
    const o = sensor();
    tpl(o).conditions = "slo-alert && slo-alert.labels.slo == 'argocd-application-health'";
    const f = validateResource(o).find((x) => x.code === 'SY312');
    assert.ok(f);
    assert.match(f.message, /only combine dependency names/);
    assert.match(f.message, /- name: slo-alert-argocd-application-health/);
    assert.match(f.message, /eventSourceName: alertmanager/);
    assert.match(f.message, /path: "body\.alerts\.#\.labels\.slo"/);
    assert.match(f.message, /- "argocd-application-health"/);
    assert.match(f.message, /conditions: "slo-alert-argocd-application-health"/);
    assert.match(f.message, /name: remediate\n/);
  });
});
