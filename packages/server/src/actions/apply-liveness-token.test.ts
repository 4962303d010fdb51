import { ApplyLivenessTokenRequest, ApplyLivenessTokenResponse } from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { CreateSessionInput } from '../services/sessions/sessions-service.js';
import { createApplyLivenessToken } from './apply-liveness-token.js';
import { testCaller } from './testing/test-caller.js';

const caller = testCaller({
  requestId: 'req-2',
  region: 'ap-singapore',
  receivedAt: new Date('2026-05-01T00:00:00Z'),
});

describe('ApplyLivenessToken', () => {
  it('schema: SecureLevel is "1"-"4" or absent; nothing else is a field', () => {
    for (const SecureLevel of ['1', '2', '3', '4'])
      expect(Value.Check(ApplyLivenessTokenRequest, { SecureLevel })).toBe(true);
    expect(Value.Check(ApplyLivenessTokenRequest, {})).toBe(true);
    expect(Value.Check(ApplyLivenessTokenRequest, { SecureLevel: '0' })).toBe(false);
    expect(Value.Check(ApplyLivenessTokenRequest, { SecureLevel: 'blink' })).toBe(false);
    expect(Object.keys(ApplyLivenessTokenRequest.properties)).toEqual(['SecureLevel']);
    expect(Object.keys(ApplyLivenessTokenResponse.properties)).toEqual(['SdkToken', 'RequestId']);
  });

  it('defaults to level 4 (blinking + light) and creates a liveness-sdk session', async () => {
    const created: CreateSessionInput[] = [];
    const action = createApplyLivenessToken({
      sessions: { create: async (i: CreateSessionInput) => (created.push(i), { token: 'T' }) } as never,
    });
    expect(await action.handle(caller, {})).toEqual({ SdkToken: 'T', RequestId: 'req-2' });
    expect(created[0]).toMatchObject({
      kind: 'liveness-sdk',
      appId: caller.appId,
      config: { SecureLevel: '4' },
      challenge: { mode: 'action+reflect', actions: ['blink'] },
    });
    await action.handle(caller, { SecureLevel: '1' });
    expect(created[1]?.challenge).toMatchObject({ mode: 'silent', actions: [], colors: [] });
  });
});
