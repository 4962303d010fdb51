/**
 * Gateway throughput with wrk (Debian package `wrk`), whose C client costs the 2-core machine far
 * less than autocannon, so more of the measured time is the server's.
 *
 *   npx tsx bench/gateway-wrk.ts --url http://127.0.0.1:8080 --secret-id AKID... --secret-key ... \
 *     [--action GetFaceIdTokenIntl] [--body '{"CheckMode":"liveness"}'] [--duration 10] [--connections 32]
 *
 * One TC3 request is signed up front (valid for the 300 s window) and replayed by wrk; the server
 * under test must allow it (`EKYC_QPS=0`). Prints wrk's own report, including the latency percentiles.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tc3Request } from '../packages/server/src/gateway/testing/signed-request.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'secret-id': { type: 'string' },
    'secret-key': { type: 'string' },
    action: { type: 'string', default: 'GetFaceIdTokenIntl' },
    body: { type: 'string', default: '{"CheckMode":"liveness","SecureLevel":"4"}' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
  },
});
if (!args.url || !args['secret-id'] || !args['secret-key']) {
  console.error('usage: gateway-wrk.ts --url URL --secret-id ID --secret-key KEY [--action A] [--body JSON]');
  process.exit(2);
}

const url = new URL(args.url);
const signed = tc3Request({
  secretId: args['secret-id'],
  secretKey: args['secret-key'],
  host: url.host,
  action: args.action,
  body: args.body,
});
const lua = [
  'wrk.method = "POST"',
  `wrk.body = ${JSON.stringify(String(signed.body))}`,
  ...Object.entries(signed.headers).map(
    ([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`,
  ),
  // Count answers that are not successes: a fast stream of errors is not a throughput figure.
  'local failures = 0',
  'response = function(status, headers, body) if not string.find(body, "RequestId") or string.find(body, "\\"Error\\"") then failures = failures + 1 end end',
  'done = function(summary, latency, requests) io.write(string.format("failed answers (this thread): %d\\n", failures)) end',
].join('\n');
const script = join(mkdtempSync(join(tmpdir(), 'ekyc-wrk-')), 'signed.lua');
writeFileSync(script, lua);
const out = execFileSync(
  'wrk',
  ['-t1', `-c${args.connections}`, `-d${args.duration}s`, '--latency', '-s', script, args.url],
  { encoding: 'utf8' },
);
console.log(out);
