import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRemote, hostAllowed, isPublicAddress, RemoteFetchError } from './remote-fetch.js';

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') return res.end(Buffer.alloc(100, 1));
    if (req.url === '/big') return res.end(Buffer.alloc(5000, 1));
    if (req.url === '/slow') return setTimeout(() => res.end('late'), 2000);
    if (req.url === '/to-ok') return res.writeHead(302, { location: '/ok' }).end();
    if (req.url === '/to-metadata')
      return res.writeHead(302, { location: 'http://169.254.169.254/latest' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise((ok) => server.close(ok)));

const reason = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof RemoteFetchError ? e.reason : String(e)),
  );

// "media.test" stands for an allowed host; it resolves to the local test server.
const local = {
  allowHosts: ['media.test'],
  resolve: async () => ['127.0.0.1'],
  maxBytes: 1000,
  timeoutMs: 500,
};
const url = (path: string) => `http://media.test:${port}${path}`;

describe('remote fetch guards', () => {
  it('classifies addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
    for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPublicAddress(ip), ip).toBe(true);
    expect(isPublicAddress('not-an-ip')).toBe(false);
  });

  it('matches allowed hosts exactly or by a leading-dot suffix', () => {
    expect(hostAllowed('cdn.example.com', ['.example.com'])).toBe(true);
    expect(hostAllowed('example.com', ['.example.com'])).toBe(false);
    expect(hostAllowed('evilexample.com', ['.example.com'])).toBe(false);
    expect(hostAllowed('Example.com.', ['example.com'])).toBe(true);
  });

  it('refuses hosts off the list, non-http schemes, and names resolving to private addresses (after DNS)', async () => {
    expect(await reason(fetchRemote('http://other.test/x', local))).toBe('not_allowed');
    expect(await reason(fetchRemote('file:///etc/passwd', local))).toBe('not_allowed');
    // The real guard: media.test resolves to 127.0.0.1, which is not public.
    expect(await reason(fetchRemote(url('/ok'), local))).toBe('private_address');
    expect(
      await reason(fetchRemote(`http://127.0.0.1:${port}/ok`, { ...local, allowHosts: ['127.0.0.1'] })),
    ).toBe('private_address');
  });

  describe('against a local server (address check relaxed for the test)', () => {
    const open = { ...local, addressAllowed: (ip: string) => ip === '127.0.0.1' };
    it('downloads, follows a redirect, and enforces size, time and redirect targets', async () => {
      expect((await fetchRemote(url('/ok'), open)).length).toBe(100);
      expect((await fetchRemote(url('/to-ok'), open)).length).toBe(100);
      expect(await reason(fetchRemote(url('/big'), open))).toBe('too_large');
      expect(await reason(fetchRemote(url('/slow'), open))).toBe('timeout');
      expect(await reason(fetchRemote(url('/missing'), open))).toBe('failed');
      expect(await reason(fetchRemote(url('/to-metadata'), open))).toBe('not_allowed');
    });
  });
});
