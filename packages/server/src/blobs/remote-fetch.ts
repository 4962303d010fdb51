import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Fetches a media URL from an operator-allowed host (config media.fetchAllowHosts), with the
 * guards a server-side fetch needs: http(s) only, host on the allow-list, every resolved address
 * public (no loopback, private, link-local, CGNAT, multicast, ...; checked after DNS and pinned
 * for the connection, so DNS rebinding cannot switch it), a byte limit, a time limit, and at
 * most a few redirects, each checked again.
 */

export type RemoteFetchFailure = 'not_allowed' | 'private_address' | 'too_large' | 'timeout' | 'failed';

export class RemoteFetchError extends Error {
  constructor(
    readonly reason: RemoteFetchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteFetchError';
  }
}

export interface RemoteFetchOptions {
  readonly allowHosts: readonly string[];
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly maxRedirects?: number;
  readonly signal?: AbortSignal;
  /** For tests: resolve names differently (default: the system resolver). */
  readonly resolve?: (host: string) => Promise<string[]>;
  /** For tests against a local server only: which addresses may be connected to (default isPublicAddress). */
  readonly addressAllowed?: (ip: string) => boolean;
}

const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

/** True for an address a server-side fetch may connect to. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return !BLOCKED.check(ip, 'ipv4');
  if (family !== 6) return false;
  // IPv4-mapped (::ffff:a.b.c.d or ::ffff:hhhh:hhhh): judged by the IPv4 rules.
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (dotted) return !BLOCKED.check(dotted[1]!, 'ipv4');
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return !BLOCKED.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
  }
  return !BLOCKED.check(ip, 'ipv6');
}

/** "example.com" allows exactly that host; ".example.com" any subdomain of it. */
export function hostAllowed(host: string, allow: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allow.some((a) => (a.startsWith('.') ? h.endsWith(a) && h.length > a.length : h === a));
}

const systemResolve = async (host: string): Promise<string[]> =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

export async function fetchRemote(url: string, opts: RemoteFetchOptions): Promise<Buffer> {
  const deadline = Date.now() + opts.timeoutMs;
  let current = url;
  for (let hop = 0; hop <= (opts.maxRedirects ?? 3); hop++) {
    const u = parseAllowed(current, opts.allowHosts);
    const address = await resolvePublic(
      u.hostname,
      opts.resolve ?? systemResolve,
      opts.addressAllowed ?? isPublicAddress,
    );
    const answer = await getOnce(u, address, opts, deadline);
    if (answer.redirect === undefined) return answer.body!;
    current = new URL(answer.redirect, u).toString();
  }
  throw new RemoteFetchError('failed', 'too many redirects');
}

function parseAllowed(text: string, allow: readonly string[]): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new RemoteFetchError('not_allowed', 'not a URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new RemoteFetchError('not_allowed', 'only http(s) URLs');
  if (u.username || u.password) throw new RemoteFetchError('not_allowed', 'credentials in URL');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!hostAllowed(host, allow)) throw new RemoteFetchError('not_allowed', `host ${host} is not allowed`);
  return u;
}

async function resolvePublic(
  hostname: string,
  resolve: (h: string) => Promise<string[]>,
  allowed: (ip: string) => boolean,
): Promise<string> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    throw new RemoteFetchError('failed', `cannot resolve ${host}`);
  }
  // Every address must be public: a name resolving to one public and one private address is refused.
  if (addresses.length === 0 || !addresses.every(allowed)) {
    throw new RemoteFetchError('private_address', `${host} resolves to a non-public address`);
  }
  return addresses[0]!;
}

function getOnce(
  u: URL,
  address: string,
  opts: RemoteFetchOptions,
  deadline: number,
): Promise<{ body?: Buffer; redirect?: string }> {
  return new Promise((resolve, reject) => {
    // Connect to the address we checked, whatever the resolver says a moment later.
    const lookup: LookupFunction = (_host, options, cb) => {
      const family = isIP(address);
      if ((options as { all?: boolean }).all)
        (cb as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
      else cb(null, address, family);
    };
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new RemoteFetchError('timeout', 'download timed out'));
    const client = u.protocol === 'https:' ? https : http;
    const req = client.get(u, { lookup, headers: { 'user-agent': 'open-ekyc', accept: '*/*' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return resolve({ redirect: res.headers.location });
      }
      if (status !== 200) {
        res.resume();
        return reject(new RemoteFetchError('failed', `HTTP ${status}`));
      }
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (declared > opts.maxBytes) {
        req.destroy();
        return reject(new RemoteFetchError('too_large', `${declared} bytes`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes) {
          req.destroy();
          reject(new RemoteFetchError('too_large', `over ${opts.maxBytes} bytes`));
        } else chunks.push(c);
      });
      res.on('end', () => resolve({ body: Buffer.concat(chunks) }));
      res.on('error', () => reject(new RemoteFetchError('failed', 'connection broken')));
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new RemoteFetchError('timeout', 'download timed out'));
    }, remaining);
    const onAbort = (): void => {
      req.destroy();
      reject(opts.signal!.reason);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => reject(new RemoteFetchError('failed', err.message)));
    req.on('close', () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    });
  });
}
