/** One undici ProxyAgent per proxy URL, shared by every http trigger in the process. */
import { ProxyAgent, type Dispatcher } from 'undici';
import { SwitchyardError } from '../../errors.ts';

const agents = new Map<string, Dispatcher>();

/**
 * The dispatcher that sends requests through `proxy`: https URLs through a CONNECT tunnel, http URLs as
 * absolute-URI requests to an http:// proxy (as Go does). Credentials in the proxy URL become a Basic
 * Proxy-Authorization header, also when only a user name is given.
 */
export function proxyAgent(proxy: URL): Dispatcher {
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new SwitchyardError('HTTP_TRIGGER_PROXY', `proxy ${proxy.protocol}//${proxy.host}: only http:// and https:// proxies are supported; check HTTPS_PROXY / HTTP_PROXY`, { errorClass: 'stop' });
  }
  const key = proxy.href;
  let agent = agents.get(key);
  if (!agent) {
    const user = decodeURIComponent(proxy.username);
    const pass = decodeURIComponent(proxy.password);
    const token = proxy.username || proxy.password ? `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` : undefined;
    const bare = new URL(proxy.href);
    bare.username = '';
    bare.password = '';
    agent = new ProxyAgent({ uri: bare.href, proxyTunnel: false, ...(token ? { token } : {}) });
    agents.set(key, agent);
  }
  return agent;
}
