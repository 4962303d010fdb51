import { ApiError } from '@open-ekyc/contract';
import { describe, expect, it } from 'vitest';
import { resolveWebConfig } from './apply-web-verification-biz-token-intl.js';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return err instanceof ApiError ? err.code : String(err);
  }
  return 'no error';
};

describe('ApplyWebVerificationBizTokenIntl config (spec §8 WebVerificationConfigIntl)', () => {
  it('applies the documented defaults', () => {
    expect(resolveWebConfig({ RedirectURL: 'https://a.example' })).toEqual({
      CheckMode: 2,
      SecurityLevel: 3,
      ActionList: [],
      AutoDowngrade: 1,
      LivenessRetryLimit: 99,
      LivenessTimeout: 45,
      Language: 'en',
      ThemeColor: '#2d72f1',
      SkipPrivacyPolicy: false,
      AutoSkipStartPage: false,
      AutoSkip: false,
    });
  });

  it('keeps what the merchant set; a malformed ThemeColor falls back to the default (spec)', () => {
    const c = resolveWebConfig({
      RedirectURL: 'https://a.example',
      Config: {
        SecurityLevel: 4,
        ActionList: 'nod,blink',
        AutoDowngrade: 2,
        LivenessRetryLimit: 3,
        LivenessTimeout: 0,
        ThemeColor: 'red',
        Language: 'th',
        AutoSkip: true,
      },
    });
    expect(c).toMatchObject({
      SecurityLevel: 4,
      ActionList: ['nod', 'blink'],
      AutoDowngrade: 2,
      LivenessRetryLimit: 3,
      LivenessTimeout: 0,
      ThemeColor: '#2d72f1',
      Language: 'th',
      AutoSkip: true,
    });
  });

  it('CheckMode 1 and 4 (OCR) are refused with a clear error until the document flow exists', () => {
    for (const CheckMode of [1, 4]) {
      expect(code(() => resolveWebConfig({ RedirectURL: 'https://a.example', Config: { CheckMode } }))).toBe(
        'UnsupportedOperation',
      );
    }
    expect(code(() => resolveWebConfig({ RedirectURL: 'https://a.example', Config: { CheckMode: 3 } }))).toBe(
      'no error',
    );
  });

  it('ActionList only with SecurityLevel 2 or 4, and no action twice', () => {
    expect(
      code(() =>
        resolveWebConfig({
          RedirectURL: 'https://a.example',
          Config: { SecurityLevel: 3, ActionList: 'blink' },
        }),
      ),
    ).toBe('InvalidParameterValue');
    expect(
      code(() => resolveWebConfig({ RedirectURL: 'https://a.example', Config: { ActionList: 'blink' } })),
    ).toBe('InvalidParameterValue');
    expect(
      code(() =>
        resolveWebConfig({
          RedirectURL: 'https://a.example',
          Config: { SecurityLevel: 2, ActionList: 'blink,blink' },
        }),
      ),
    ).toBe('InvalidParameterValue');
  });
});
