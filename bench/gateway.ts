/**
 * Gateway benchmark: signed TC3 `GetFaceIdTokenIntl`-style requests with autocannon.
 *
 *   npm run bench:gateway                         # in-process server with the gateway test action
 *   npm run bench:gateway -- --url http://127.0.0.1:8080 --secret-id AKID... --secret-key ... \
 *       [--action GetFaceIdTokenIntl] [--body '{"CheckMode":"liveness","SecureLevel":"4"}']
 *   options: --duration S (10) --connections N (16) --pipelining N (1) --log-level L (silent)
 *
 * Requests are signed before the run with a fresh timestamp (valid for the 300 s window, so
 * keep --duration well below that). Every response body is checked: a run whose answers are
 * not successes says so, because a fast stream of errors is not a throughput figure.
 */
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { buildServer } from '../packages/server/src/app.js';
import { MemoryCredentialResolver } from '../packages/server/src/gateway/testing/memory-credentials.js';
import { tc3Request } from '../packages/server/src/gateway/testing/signed-request.js';
import { createTestAction } from '../packages/server/src/gateway/testing/test-action.js';
import { testConfig } from '../packages/server/src/gateway/testing/test-config.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  onResponse: (status: number, body: string) => void;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  pipelining: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'secret-id': { type: 'string' },
    'secret-key': { type: 'string' },
    action: { type: 'string', default: 'GetFaceIdTokenIntl' },
    body: {
      type: 'string',
      default: JSON.stringify({ CheckMode: 'liveness', SecureLevel: '4', Extra: 'bench' }),
    },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    pipelining: { type: 'string', default: '1' },
    'log-level': { type: 'string', default: 'silent' },
  },
});

async function main(): Promise<void> {
  let url = args.url;
  let secretId = args['secret-id'] ?? 'AKIDbench000000000000000000000000001';
  let secretKey = args['secret-key'] ?? 'benchSecretKey000000000000000000';
  let close: (() => Promise<unknown>) | undefined;
  if (!url) {
    const app = await buildServer({
      config: testConfig({ qps: { default: 0 } }, args['log-level'] as 'silent'),
      actions: [createTestAction(args.action)],
      credentials: new MemoryCredentialResolver().add(secretId, secretKey, 'app-bench'),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    close = () => app.close();
    console.log(`in-process server with the gateway test action as ${args.action} at ${url}`);
  } else if (!args['secret-id'] || !args['secret-key']) {
    throw new Error('--url needs --secret-id and --secret-key');
  }
  secretId = secretId.trim();
  secretKey = secretKey.trim();
  const target = new URL(url);

  const codes = new Map<string, number>();
  const onResponse = (status: number, body: string): void => {
    let code = `HTTP ${status}`;
    try {
      const r = (JSON.parse(body) as { Response?: { Error?: { Code?: string } } }).Response;
      code = r?.Error?.Code ?? (r ? 'Success' : 'no Response');
    } catch {
      code = 'unparsable body';
    }
    codes.set(code, (codes.get(code) ?? 0) + 1);
  };
  // A few distinct pre-signed requests (different bodies) so not every request is byte-identical.
  const requests: AutocannonRequest[] = Array.from({ length: 8 }, (_, i) => {
    const body = args.body.replace(/}\s*$/, `${args.body.trim() === '{}' ? '' : ','}"BenchSeq":${i}}`);
    const signed = tc3Request({ secretId, secretKey, host: target.host, action: args.action, body });
    return { method: 'POST', path: '/', headers: signed.headers, body, onResponse };
  });

  const duration = Number(args.duration);
  if (!(duration > 0 && duration < 280))
    throw new Error('--duration must be between 0 and 280 s (signatures expire after 300 s)');
  const result = await autocannon({
    url: target.origin,
    connections: Number(args.connections),
    pipelining: Number(args.pipelining),
    duration,
    requests,
  });
  await close?.();

  console.log(`requests/s (mean): ${result.requests.average.toFixed(0)}`);
  console.log(
    `latency ms: p50 ${result.latency.p50}  p99 ${result.latency.p99}  mean ${result.latency.average.toFixed(2)}  max ${result.latency.max}`,
  );
  console.log(
    `total ${result.requests.total} in ${result.duration.toFixed(1)} s; transport errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
  );
  console.log(`answers: ${JSON.stringify(Object.fromEntries(codes))}`);
  const bad = [...codes].filter(([c]) => c !== 'Success').reduce((n, [, v]) => n + v, 0);
  if (bad > 0 || result.errors > 0) {
    console.error(
      `WARNING: ${bad} non-success answers and ${result.errors} transport errors; the figures above are not a clean throughput measurement`,
    );
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
