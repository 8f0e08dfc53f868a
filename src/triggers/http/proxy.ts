/**
 * Which outbound proxy an http trigger request goes through, with the same rules as Argo Events' Go client
 * (`http.ProxyFromEnvironment`), so a deployment's proxy settings behave the same under Switchyard:
 * - HTTPS_PROXY (else https_proxy) for https URLs, HTTP_PROXY (else http_proxy) for http URLs; the
 *   upper-case name wins when both are set and non-empty; an https URL never falls back to HTTP_PROXY.
 * - A proxy value without a scheme ("proxy:3128") means http://.
 * - localhost and loopback addresses never go through a proxy.
 * - NO_PROXY (else no_proxy): comma list of `*`, IPs, CIDRs, `[v6]:port`, domains (`example.com` matches it
 *   and its subdomains, `.example.com` and `*.example.com` only subdomains), each optionally with `:port`.
 * - With REQUEST_METHOD set (a CGI environment) HTTP_PROXY is refused, as it may come from a request header.
 */
import { domainToASCII } from 'node:url';
import { SwitchyardError } from '../../errors.ts';
import type { BlockList } from 'node:net';
import { addressRule, ipFamily, isLoopback, splitHostPort } from './proxy-net.ts';

export interface ProxyConfig {
  httpProxy?: URL;
  httpsProxy?: URL;
  /** Set when NO_PROXY is `*`. */
  bypassAll: boolean;
  ipRules: IpRule[];
  domainRules: DomainRule[];
  cgi: boolean;
}

/** An address or range; `port` is '' for any port (always, for a range). */
interface IpRule {
  match: BlockList;
  port: string;
}

interface DomainRule {
  /** Always with a leading dot. */
  suffix: string;
  port: string;
  /** The rule was written without a leading dot: it also matches the domain itself. */
  matchSelf: boolean;
}

function envAny(env: NodeJS.ProcessEnv, ...names: string[]): string {
  for (const n of names) {
    const v = env[n];
    if (v) return v;
  }
  return '';
}

/** An unparseable value means no proxy, as in Go. */
function parseProxyUrl(value: string): URL | undefined {
  if (value === '') return undefined;
  try {
    const u = new URL(value);
    if (u.host !== '') return u;
  } catch {
    // fall through: try it as host[:port]
  }
  try {
    return new URL(`http://${value}`);
  } catch {
    return undefined;
  }
}

/** Reads the proxy settings from an environment (default: this process's). */
export function proxyConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  const cfg: ProxyConfig = {
    httpProxy: parseProxyUrl(envAny(env, 'HTTP_PROXY', 'http_proxy')),
    httpsProxy: parseProxyUrl(envAny(env, 'HTTPS_PROXY', 'https_proxy')),
    bypassAll: false,
    ipRules: [],
    domainRules: [],
    cgi: (env['REQUEST_METHOD'] ?? '') !== '',
  };
  for (const raw of envAny(env, 'NO_PROXY', 'no_proxy').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') {
      cfg.bypassAll = true;
      return cfg;
    }
    const range = entry.includes('/') ? addressRule(entry) : undefined;
    if (range) {
      cfg.ipRules.push({ match: range, port: '' });
      continue;
    }
    const split = splitHostPort(entry);
    let host = split ? split.host : entry;
    const port = split ? split.port : '';
    if (host === '') continue;
    const address = addressRule(host);
    if (address) {
      cfg.ipRules.push({ match: address, port });
      continue;
    }
    if (host.startsWith('*.')) host = host.slice(1);
    const matchSelf = !host.startsWith('.');
    const bare = matchSelf ? host : host.slice(1);
    const ascii = domainToASCII(bare);
    cfg.domainRules.push({ suffix: `.${ascii === '' ? bare : ascii}`, port, matchSelf });
  }
  return cfg;
}

/** The proxy to use for `url`, or undefined to connect directly. Throws where Go's client would refuse. */
export function proxyFor(url: URL, cfg: ProxyConfig): URL | undefined {
  let proxy: URL | undefined;
  if (url.protocol === 'https:') proxy = cfg.httpsProxy;
  else if (url.protocol === 'http:') {
    proxy = cfg.httpProxy;
    if (proxy && cfg.cgi) {
      throw new SwitchyardError('HTTP_TRIGGER_PROXY', 'HTTP_PROXY is ignored when REQUEST_METHOD is set (a CGI environment); use http_proxy or unset REQUEST_METHOD');
    }
  }
  if (!proxy) return undefined;
  return useProxy(url, cfg) ? proxy : undefined;
}

function useProxy(url: URL, cfg: ProxyConfig): boolean {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  if (host === 'localhost') return false;
  const family = ipFamily(host);
  if (family && isLoopback(host, family)) return false;
  if (cfg.bypassAll) return false;
  if (family) {
    for (const r of cfg.ipRules) {
      if (r.match.check(host, family) && (r.port === '' || r.port === port)) return false;
    }
  }
  for (const r of cfg.domainRules) {
    if (host.endsWith(r.suffix) || (r.matchSelf && host === r.suffix.slice(1))) {
      if (r.port === '' || r.port === port) return false;
    }
  }
  return true;
}
