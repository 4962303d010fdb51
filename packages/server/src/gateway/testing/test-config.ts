import type { Config, GatewayConfig } from '../../config/config.js';

/** A complete Config for gateway tests and the benchmark; gateway fields can be overridden. */
export function testConfig(
  gateway: Partial<GatewayConfig> = {},
  logLevel: Config['logLevel'] = 'silent',
): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    databaseUrl: undefined,
    redisUrl: undefined,
    publicUrl: 'http://127.0.0.1',
    masterKey: Buffer.alloc(32, 7),
    logLevel,
    gateway: {
      bodyLimitBytes: 1024 * 1024,
      timestampWindowSeconds: 300,
      qps: { default: 0 },
      requestTimeoutMs: 30_000,
      ...gateway,
    },
  };
}
