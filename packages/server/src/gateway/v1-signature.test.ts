import { describe, expect, it } from 'vitest';
import { v1Algorithm, v1Sign, v1StringToSign, verifyV1Signature } from './v1-signature.js';

const KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';

describe('v1 signature vectors (spec §3.8)', () => {
  it('D: Tencent published v1 example (GET, HmacSHA1)', () => {
    const params = new Map(
      Object.entries({
        Action: 'DescribeInstances',
        'InstanceIds.0': 'ins-09dx96dg',
        Limit: '20',
        Nonce: '11886',
        Offset: '0',
        Region: 'ap-guangzhou',
        SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
        Timestamp: '1465185768',
        Version: '2017-03-12',
      }),
    );
    const s = v1StringToSign('GET', 'cvm.tencentcloudapi.com', '/', params);
    expect(s).toBe(
      'GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12',
    );
    expect(v1Sign(KEY, s, 'sha1')).toBe('EliP9YW3pW28FpsEdkXt/+WcGeI=');
  });

  const eParams = (method: string) =>
    new Map(
      Object.entries({
        Action: 'GetFaceIdTokenIntl',
        CheckMode: 'liveness',
        Language: 'en-US',
        Nonce: '11886',
        Region: 'ap-singapore',
        RequestClient: 'SDK_NODEJS_INTL_EN3.0.1335',
        SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
        SecureLevel: '4',
        SignatureMethod: method,
        Timestamp: '1700000000',
        Version: '2018-03-01',
      }),
    );

  it('E: faceid form POST, HmacSHA256 and HmacSHA1', () => {
    const s = v1StringToSign('POST', 'faceid.intl.tencentcloudapi.com', '/', eParams('HmacSHA256'));
    expect(s).toBe(
      'POSTfaceid.intl.tencentcloudapi.com/?Action=GetFaceIdTokenIntl&CheckMode=liveness&Language=en-US&Nonce=11886&Region=ap-singapore&RequestClient=SDK_NODEJS_INTL_EN3.0.1335&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&SecureLevel=4&SignatureMethod=HmacSHA256&Timestamp=1700000000&Version=2018-03-01',
    );
    expect(v1Sign(KEY, s, 'sha256')).toBe('XBYdoYi+GJ2Fd5yFj/mWUsJkTJkR5JkvzUB6zBmdCSo=');
    const s1 = v1StringToSign('POST', 'faceid.intl.tencentcloudapi.com', '/', eParams('HmacSHA1'));
    expect(v1Sign(KEY, s1, 'sha1')).toBe('PT7/TZspRdUcTvU13xVY73ZNQaA=');
  });

  it('E: the verifier accepts the vector (Signature param is excluded) and rejects tampering', () => {
    const params = eParams('HmacSHA256');
    params.set('Signature', 'XBYdoYi+GJ2Fd5yFj/mWUsJkTJkR5JkvzUB6zBmdCSo=');
    const input = {
      method: 'POST',
      host: 'faceid.intl.tencentcloudapi.com',
      params,
      algorithm: 'sha256' as const,
      signature: 'XBYdoYi+GJ2Fd5yFj/mWUsJkTJkR5JkvzUB6zBmdCSo=',
    };
    expect(verifyV1Signature(input, KEY)).toBe(true);
    // Host with a port that the client did not sign: stripped and retried.
    expect(verifyV1Signature({ ...input, host: 'faceid.intl.tencentcloudapi.com:443' }, KEY)).toBe(true);
    expect(verifyV1Signature({ ...input, method: 'GET' }, KEY)).toBe(false);
    expect(verifyV1Signature({ ...input, algorithm: 'sha1' }, KEY)).toBe(false);
    expect(verifyV1Signature(input, KEY.toLowerCase())).toBe(false);
    const tampered = new Map(params).set('SecureLevel', '1');
    expect(verifyV1Signature({ ...input, params: tampered }, KEY)).toBe(false);
  });

  it('SignatureMethod: absent -> HmacSHA1, unknown -> null', () => {
    expect(v1Algorithm(undefined)).toBe('sha1');
    expect(v1Algorithm('HmacSHA1')).toBe('sha1');
    expect(v1Algorithm('HmacSHA256')).toBe('sha256');
    expect(v1Algorithm('HmacMD5')).toBeNull();
  });
});
