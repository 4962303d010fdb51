import { randomBytes } from 'node:crypto';
import {
  ApiError,
  COMPARE_IMAGE_MAX_BASE64_CHARS,
  GetFaceIdTokenIntlRequest,
  GetFaceIdTokenIntlResponse,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { CreateSessionInput } from '../services/sessions/sessions-service.js';
import { createGetFaceIdTokenIntl, resolveFaceIdRequest } from './get-face-id-token-intl.js';
import { testCaller } from './testing/test-caller.js';

const valid = (input: unknown) => Value.Check(GetFaceIdTokenIntlRequest, input);
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof ApiError ? e.code : String(e);
  }
};
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]).toString('base64');

describe('GetFaceIdTokenIntl request schema (spec §7.1)', () => {
  it('accepts every documented field and value', () => {
    expect(valid({})).toBe(true);
    expect(
      valid({
        CheckMode: 'compare',
        SecureLevel: '2',
        Image: jpeg,
        Extra: 'x',
        ActionList: 'blink,mouth',
        SdkVersion: 'PLUS',
        RetryLimit: 1,
      }),
    ).toBe(true);
    for (const SecureLevel of ['1', '2', '3', '4']) expect(valid({ SecureLevel })).toBe(true);
    for (const ActionList of ['blink', 'mouth', 'nod', 'shake', 'nod,shake'])
      expect(valid({ ActionList })).toBe(true);
  });

  it('rejects values outside the documented enums and ranges', () => {
    expect(valid({ CheckMode: 'selfie' })).toBe(false);
    expect(valid({ SecureLevel: '5' })).toBe(false);
    expect(valid({ SecureLevel: 4 })).toBe(false); // a number is coerced by the gateway first
    expect(valid({ ActionList: 'blink,mouth,nod' })).toBe(false); // 1-2 actions
    expect(valid({ ActionList: 'wink' })).toBe(false);
    expect(valid({ ActionList: 'blink mouth' })).toBe(false);
    expect(valid({ SdkVersion: 'basic' })).toBe(false);
    expect(valid({ RetryLimit: 0 })).toBe(false);
    expect(valid({ RetryLimit: 6 })).toBe(false);
    expect(valid({ RetryLimit: 2.5 })).toBe(false);
    expect(valid({ Extra: 'e'.repeat(1000) })).toBe(true);
    expect(valid({ Extra: 'e'.repeat(1001) })).toBe(false);
  });

  it('a v1/GET string value converts to the schema types', () => {
    const converted = Value.Convert(GetFaceIdTokenIntlRequest, { SecureLevel: 3, RetryLimit: '2' });
    expect(converted).toEqual({ SecureLevel: '3', RetryLimit: 2 });
    expect(valid(converted)).toBe(true);
  });

  it('response carries SdkToken and RequestId as strings', () => {
    expect(Value.Check(GetFaceIdTokenIntlResponse, { SdkToken: 'A', RequestId: 'r' })).toBe(true);
    expect(Value.Check(GetFaceIdTokenIntlResponse, { RequestId: 'r' })).toBe(false);
  });
});

describe('GetFaceIdTokenIntl rules beyond the schema', () => {
  it('applies the documented defaults', () => {
    expect(resolveFaceIdRequest({})).toEqual({
      config: {
        CheckMode: 'liveness',
        SecureLevel: '4',
        ActionList: ['blink'],
        SdkVersion: 'BASIC',
        RetryLimit: 5,
      },
      image: null,
    });
    expect(resolveFaceIdRequest({ SecureLevel: '1' }).config.ActionList).toEqual([]);
    expect(resolveFaceIdRequest({ SecureLevel: '2', ActionList: 'nod,shake' }).config.ActionList).toEqual([
      'nod',
      'shake',
    ]);
  });

  it('ActionList only with SecureLevel 2 or 4, and no repeated action', () => {
    expect(codeOf(() => resolveFaceIdRequest({ SecureLevel: '1', ActionList: 'blink' }))).toBe(
      'InvalidParameterValue',
    );
    expect(codeOf(() => resolveFaceIdRequest({ SecureLevel: '3', ActionList: 'blink' }))).toBe(
      'InvalidParameterValue',
    );
    expect(codeOf(() => resolveFaceIdRequest({ ActionList: 'blink' }))).toBe('ok'); // default level is 4
    expect(codeOf(() => resolveFaceIdRequest({ ActionList: 'blink,blink' }))).toBe('InvalidParameterValue');
  });

  it('compare needs a Base64 Image within 8 MB; liveness ignores it', () => {
    expect(codeOf(() => resolveFaceIdRequest({ CheckMode: 'compare' }))).toBe('MissingParameter');
    expect(codeOf(() => resolveFaceIdRequest({ CheckMode: 'compare', Image: '' }))).toBe('MissingParameter');
    expect(
      codeOf(() => resolveFaceIdRequest({ CheckMode: 'compare', Image: `data:image/jpeg;base64,${jpeg}` })),
    ).toBe('InvalidParameter');
    expect(codeOf(() => resolveFaceIdRequest({ CheckMode: 'compare', Image: 'abc!' }))).toBe(
      'InvalidParameter',
    );
    expect(
      codeOf(() =>
        resolveFaceIdRequest({ CheckMode: 'compare', Image: 'A'.repeat(COMPARE_IMAGE_MAX_BASE64_CHARS + 4) }),
      ),
    ).toBe('FailedOperation.ImageSizeTooLarge');
    expect(
      codeOf(() =>
        resolveFaceIdRequest({ CheckMode: 'compare', Image: 'A'.repeat(COMPARE_IMAGE_MAX_BASE64_CHARS) }),
      ),
    ).toBe('ok');
    const wrapped = jpeg.replace(/(.{76})/g, '$1\r\n');
    expect(
      resolveFaceIdRequest({ CheckMode: 'compare', Image: wrapped }).image?.equals(
        Buffer.from(jpeg, 'base64'),
      ),
    ).toBe(true);
    expect(resolveFaceIdRequest({ CheckMode: 'liveness', Image: 'not base64!' }).image).toBeNull();
  });
});

describe('GetFaceIdTokenIntl action', () => {
  const caller = testCaller({ requestId: 'req-1', receivedAt: new Date('2026-05-01T00:00:00Z') });

  it('creates a faceid-sdk session with the resolved config, the challenge and the sealed-to-be image', async () => {
    const created: CreateSessionInput[] = [];
    const sessions = {
      create: async (input: CreateSessionInput) => (created.push(input), { token: 'TOKEN-1' }),
    };
    const action = createGetFaceIdTokenIntl({ sessions: sessions as never });
    const out = await action.handle(caller, {
      CheckMode: 'compare',
      SecureLevel: '4',
      Image: jpeg,
      Extra: 'order-7',
      ActionList: 'mouth',
    });
    expect(out).toEqual({ SdkToken: 'TOKEN-1', RequestId: 'req-1' });
    expect(Value.Check(GetFaceIdTokenIntlResponse, out)).toBe(true);
    const input = created[0];
    expect(input).toMatchObject({
      kind: 'faceid-sdk',
      appId: '1234567890',
      extra: 'order-7',
      at: caller.receivedAt,
      config: { CheckMode: 'compare', SecureLevel: '4', ActionList: ['mouth'] },
    });
    expect(input?.referenceImage?.equals(Buffer.from(jpeg, 'base64'))).toBe(true);
    expect(input?.challenge).toMatchObject({ mode: 'action+reflect', actions: ['mouth'] });
    expect((input?.challenge as { colors: string[] }).colors).toHaveLength(4);
  });

  it('creates nothing when a rule fails', async () => {
    let calls = 0;
    const action = createGetFaceIdTokenIntl({
      sessions: { create: async () => (calls++, { token: 'x' }) } as never,
    });
    await expect(action.handle(caller, { CheckMode: 'compare' })).rejects.toMatchObject({
      code: 'MissingParameter',
    });
    expect(calls).toBe(0);
  });
});
