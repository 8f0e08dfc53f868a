// Minimal valid manifests the validator tests mutate one field at a time.
// Loosely typed on purpose: each case pokes at one field of otherwise valid test data.
export type Obj = Record<string, any>;

export function eventSource(): Obj {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name: 'alertmanager' },
    spec: { webhook: { 'slo-alerts': { port: '12000', endpoint: '/webhook', method: 'POST' } } },
  };
}

export function sensor(): Obj {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 'slo-remediation' },
    spec: {
      dependencies: [
        {
          name: 'slo-alert',
          eventSourceName: 'alertmanager',
          eventName: 'slo-alerts',
          filters: { data: [{ path: 'body.alerts.#.labels.slo', type: 'string', value: ['.+'] }] },
        },
      ],
      triggers: [
        {
          template: {
            name: 'remediate',
            conditions: 'slo-alert',
            argoWorkflow: {
              operation: 'submit',
              source: { resource: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' } },
              parameters: [{ src: { dependencyName: 'slo-alert', dataKey: 'body.alerts.0.labels.name' }, dest: 'spec.arguments.parameters.0.value' }],
            },
          },
          retryStrategy: { steps: 3, duration: '1s' },
        },
      ],
    },
  };
}

export function eventBus(): Obj {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'EventBus', metadata: { name: 'default' }, spec: { jetstream: { version: 'latest' } } };
}
