import { describe, expect, it } from 'vitest';
import { failureFromBody } from './api-client.js';
import { REFLECTION_MIN_COLOR_MS, codesOf } from '@open-ekyc/contract';
import { MIN_COLOR_MS, rgbHex } from './challenge.js';
import { CLIENT_CODES, cameraErrorCode } from './client-codes.js';
import { fileContentType } from './fallback.js';
import { pickMimeType, uploadContentType } from './recorder.js';

const domError = (name: string): Error => Object.assign(new Error(name), { name });

describe('cameraErrorCode (the three camera situations of vendor-docs 003_*)', () => {
  it('permission denied → NO_CAMERA_PERMISSION', () => {
    expect(cameraErrorCode(domError('NotAllowedError'))).toBe('NO_CAMERA_PERMISSION');
    expect(cameraErrorCode(domError('PermissionDeniedError'))).toBe('NO_CAMERA_PERMISSION');
  });
  it('camera busy → CAMERA_OPEN_FAILED', () => {
    expect(cameraErrorCode(domError('NotReadableError'))).toBe('CAMERA_OPEN_FAILED');
    expect(cameraErrorCode(domError('TrackStartError'))).toBe('CAMERA_OPEN_FAILED');
  });
  it('no working camera → DEVICE_NOT_SUPPORT', () => {
    expect(cameraErrorCode(domError('NotFoundError'))).toBe('DEVICE_NOT_SUPPORT');
    expect(cameraErrorCode(domError('OverconstrainedError'))).toBe('DEVICE_NOT_SUPPORT');
  });
});

describe('recording format', () => {
  it('prefers webm/vp8, falls back to mp4 when that is all the browser offers (Safari)', () => {
    expect(pickMimeType(() => true)).toBe('video/webm;codecs=vp8');
    expect(pickMimeType((t) => t.startsWith('video/mp4'))).toBe('video/mp4;codecs=avc1.42E01E');
    expect(pickMimeType(() => false)).toBeUndefined();
    expect(
      pickMimeType(() => {
        throw new Error('old browser');
      }),
    ).toBeUndefined();
  });
  it('uploads with the container type only', () => {
    expect(uploadContentType('video/webm;codecs=vp8')).toBe('video/webm');
    expect(uploadContentType('video/mp4;codecs=avc1')).toBe('video/mp4');
    expect(fileContentType('video/quicktime')).toBe('video/mp4');
    expect(fileContentType('video/webm')).toBe('video/webm');
  });
});

describe('capture API errors', () => {
  it('keeps the catalog code; expired / completed / retry limit are not retryable', () => {
    const f = failureFromBody(410, { code: '15', message: 'Token expired' }, 'X');
    expect([f.code, f.message, f.retryable]).toEqual(['15', 'Token expired', false]);
    expect(failureFromBody(400, { code: '1004', message: 'm' }, 'X').retryable).toBe(true);
    expect(failureFromBody(502, '<html>', 'AUTH_NETWORK_ERROR_502').code).toBe('AUTH_NETWORK_ERROR_502');
  });
});

describe('rgbHex', () => {
  it('formats challenge colours for the flash layer and the timeline', () => {
    expect(rgbHex([255, 0, 16])).toBe('#ff0010');
    expect(rgbHex([300, -1, 7.6])).toBe('#ff0008');
  });
  it('never flashes faster than the contract allows (three changes a second)', () => {
    expect(MIN_COLOR_MS).toBe(REFLECTION_MIN_COLOR_MS);
    expect(1000 / MIN_COLOR_MS).toBeLessThanOrEqual(3);
  });
});

describe('client codes vs the result-code catalog (product sdk-client)', () => {
  // Codes the vendor documents have no row for; the catalog keeper may add them.
  const OURS = new Set([
    'DO_NOT_SWITCH_APPS',
    'SDK_NOT_INITIALIZED',
    'UPLOAD_VIDEO_NETWORK_ERROR',
    'VIDEO_RECORD_FAILED',
  ]);
  it('every vendor-named client code is in the catalog (AUTH_NETWORK_ERROR as AUTH_NETWORK_ERROR_$ErrorCode)', () => {
    const catalog = new Set(codesOf('sdk-client').map((r) => r.code.replace(/_\$ErrorCode$/, '')));
    const missing = Object.values(CLIENT_CODES).filter((c) => !OURS.has(c) && !catalog.has(c));
    expect(missing).toEqual([]);
    expect(Object.values(CLIENT_CODES).filter((c) => OURS.has(c) && catalog.has(c))).toEqual([]);
  });
});
