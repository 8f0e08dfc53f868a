import type { WebhookEventSource } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';
import type { RunningSource, SourceKind } from '../types.ts';
import { createRouteHandler } from './route.ts';
import { compileWebhook, type CompiledWebhook } from './schema.ts';
import type { RouteHandle } from './server.ts';

/** The `webhook` source kind: each event is one route (port + endpoint) on a server shared per port. */
export const webhookSource: SourceKind<WebhookEventSource> = {
  type: 'webhook',
  activeActive: true,
  async start(specs, ctx, env): Promise<RunningSource> {
    const compiled: CompiledWebhook[] = [];
    const problems: string[] = [];
    for (const [eventName, spec] of specs) {
      const first = ctx(eventName);
      try {
        compiled.push(compileWebhook(first.eventSourceName, eventName, spec));
      } catch (err) {
        if (!(err instanceof SwitchyardError)) throw err;
        problems.push(err.message);
      }
    }
    if (problems.length > 0) throw new SwitchyardError('WEBHOOK_INVALID', problems.join('\n'));

    const handles: RouteHandle[] = [];
    const stopAll = async (): Promise<void> => {
      await Promise.all(handles.splice(0).map((h) => h.remove()));
    };
    try {
      for (const hook of compiled) {
        const c = ctx(hook.eventName);
        const tls = hook.tls;
        handles.push(await env.ports.addRoute({
          port: hook.port,
          endpoint: hook.endpoint,
          owner: { eventSourceName: c.eventSourceName, eventName: hook.eventName },
          handler: createRouteHandler(hook, c),
          ...(tls === undefined ? {} : {
            tls: async () => ({ cert: await c.secrets.resolve(tls.cert), key: await c.secrets.resolve(tls.key) }),
          }),
        }));
        c.log.info('webhook route ready', { port: hook.port, endpoint: hook.endpoint, method: hook.method ?? 'any' });
      }
    } catch (err) {
      await stopAll();
      throw err;
    }
    return { stop: stopAll };
  },
};
