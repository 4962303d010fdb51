import { ApiError, DOCUMENT_WARNING_CODES } from '@open-ekyc/contract';
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

  it('CheckMode 1 and 4 store the resolved document keys; 2 and 3 have none', () => {
    for (const CheckMode of [1, 4] as const) {
      expect(resolveWebConfig({ RedirectURL: 'https://a.example', Config: { CheckMode } })).toMatchObject({
        CheckMode,
        CardType: 'HKIDCard',
        DisableCheckOcrWarnings: false,
        SelectedWarningCodes: [...DOCUMENT_WARNING_CODES],
        AllowExpiredDocument: true,
        DisableChangeOcrResult: false,
        IdCardCutReturn: false,
        CardOcrDisplayFields: [],
      });
    }
    const c = resolveWebConfig({
      RedirectURL: 'https://a.example',
      Config: {
        CheckMode: 1,
        IDCardType: 'InternationalIDPassport',
        DisableCheckOcrWarnings: true,
        SelectedWarningCodes: '-9104, -9101,junk',
        AllowExpiredDocument: false,
        IdCardCutReturn: true,
      },
    });
    expect(c).toMatchObject({
      CardType: 'InternationalIDPassport',
      DisableCheckOcrWarnings: true,
      SelectedWarningCodes: [-9104, -9101],
      AllowExpiredDocument: false,
      IdCardCutReturn: true,
    });
    expect(
      resolveWebConfig({ RedirectURL: 'https://a.example', Config: { CheckMode: 3 } }),
    ).not.toHaveProperty('CardType');
  });

  it('an IDCardType that is not a web document name is InvalidParameterValue (SDK names too)', () => {
    for (const IDCardType of ['HK', 'MLIDPassport', 'JapanIDCard', 'hkidcard', '__proto__']) {
      expect(
        code(() =>
          resolveWebConfig({ RedirectURL: 'https://a.example', Config: { CheckMode: 1, IDCardType } }),
        ),
      ).toBe('InvalidParameterValue');
    }
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
