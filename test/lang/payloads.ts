/** Realistic event payloads (Alertmanager webhook v4, ArgoCD notification, GitHub, S3) and a Workflow, as JSON text. */
export const alertmanager: string = JSON.stringify({
  body: {
    receiver: 'argo-events', status: 'firing',
    alerts: [
      { status: 'firing', labels: { alertname: 'ArgoCDAppDegraded', name: 'payments', dest_namespace: 'payments-prod', namespace: 'argocd', severity: 'critical', slo: 'argocd-application-health' },
        annotations: { summary: 'App payments is Degraded', description: 'Health status "Degraded" for 5m' }, startsAt: '2024-05-01T10:00:00.000Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus/graph?g0.expr=up&g0.tab=1', fingerprint: 'a1b2c3d4e5f60718' },
      { status: 'firing', labels: { alertname: 'ExternalSecretSyncFailed', name: 'db-creds', namespace: 'payments-prod', severity: 'warning', slo: 'externalsecrets-sync-success' },
        annotations: { summary: 'ExternalSecret db-creds not synced' }, startsAt: '2024-05-01T10:02:00.000Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus/graph', fingerprint: '0f1e2d3c4b5a6978' },
      { status: 'resolved', labels: { alertname: 'Watchdog', severity: 'none' }, annotations: {}, startsAt: '2024-05-01T09:00:00Z', endsAt: '2024-05-01T09:30:00Z', generatorURL: '', fingerprint: 'ffff' },
    ],
    groupLabels: { alertname: 'ArgoCDAppDegraded' }, commonLabels: { severity: 'critical' }, commonAnnotations: {},
    externalURL: 'http://alertmanager:9093', version: '4', groupKey: '{}:{alertname="ArgoCDAppDegraded"}', truncatedAlerts: 0,
  },
  headers: { 'Content-Type': ['application/json'], 'User-Agent': ['Alertmanager/0.27.0'] },
});
// pretty-printed, as some senders post it
export const argocd: string = JSON.stringify({
  body: { eventType: 'app-sync-succeeded', appName: 'checkout', namespace: 'argocd', repoUrl: 'https://git.example.com/platform/checkout.git', owner: 'team-checkout', businessUnit: 'retail', environment: 'prod', containerPort: 8080, replicas: 3, dockerRegistry: 'registry.example.com', dockerImageName: 'checkout', dockerImageTag: 'v1.4.2', message: 'Application checkout sync succeeded', revision: '9f8e7d6', syncedAt: '2024-05-01T10:05:00Z', healthy: true, ratio: 0.75, health: { status: 'Healthy', message: null } },
  headers: { 'Content-Type': ['application/json'] },
}, null, 2);
export const github: string = JSON.stringify({ body: { action: 'opened', number: 42, pull_request: { state: 'open', title: 'Fix "quotes" & <tags>', number: 42, base: { ref: 'main' }, head: { ref: 'feature/x.y' } }, object_kind: 'merge_request', value: 12.50 }, headers: { 'X-Github-Event': ['pull_request'] } }).replace('12.5', '12.50');
export const s3 = JSON.stringify({ notification: [{ eventName: 's3:ObjectCreated:Put', s3: { bucket: { name: 'input' }, object: { key: 'hello-world.txt', size: 1024 } } }] });
export const workflow: string = JSON.stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'slo-remediation-' }, spec: { entrypoint: 'main', arguments: { parameters: [{ name: 'app-name', value: 'placeholder' }, { name: 'namespace' }] }, templates: [{ name: 'main', container: { image: 'alpine:3.19', command: ['sh', '-c'], args: ['echo hello'] } }] } });
export const workflowPretty: string = JSON.stringify(JSON.parse(workflow), null, 2);

export const PAYLOADS: Record<string, string> = { alertmanager, argocd, github, s3, workflow, workflowPretty, empty: '' };
