import type { CallerContext } from '../action.js';

/** A CallerContext as the gateway would hand it to an action, for tests that call actions directly. */
export function testCaller(overrides: Partial<CallerContext> = {}): CallerContext {
  return {
    requestId: 'req-test',
    appId: '1234567890',
    secretId: 'AKIDtest',
    region: undefined,
    language: undefined,
    receivedAt: new Date(),
    signal: new AbortController().signal,
    ...overrides,
  };
}
