import { ApiError, DOCUMENT_WARNING_CODES } from '@open-ekyc/contract';
import { describe, expect, it } from 'vitest';
import { resolveSdkVerificationRequest } from './apply-sdk-verification-token.js';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return err instanceof ApiError ? err.code : String(err);
  }
  return 'no error';
};
const PNG_1x1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('ApplySdkVerificationToken request (spec §7.1)', () => {
  it('applies the documented defaults: CheckMode 1, SecurityLevel 4, HK, RetryLimit 5, blink', () => {
    const { config, image } = resolveSdkVerificationRequest({});
    expect(image).toBeNull();
    expect(config).toEqual({
      CheckMode: 1,
      SecureLevel: '4',
      ActionList: ['blink'],
      RetryLimit: 5,
      SdkVersion: 'BASIC',
      IdCardType: 'HK',
      NeedVerifyIdCard: false,
      SkipResultPage: false,
      SkipLaunchPage: false,
      SkipOcrConfirmPage: false,
      HideProgressBar: false,
      AllowUploadPhoto: false,
      EnableForgeryDetectionImages: false,
      // The resolved document keys (DocumentSessionConfig).
      CardType: 'HKIDCard',
      DisableCheckOcrWarnings: false,
      SelectedWarningCodes: [...DOCUMENT_WARNING_CODES],
      AllowExpiredDocument: true,
      DisableChangeOcrResult: false,
      IdCardCutReturn: false,
      CardOcrDisplayFields: [],
    });
  });

  it('maps the SDK document names to CardInfo keys and keeps the merchant options', () => {
    const { config } = resolveSdkVerificationRequest({
      IdCardType: 'MLIDPassport',
      SecurityLevel: 2,
      ActionList: 'nod,shake',
      RetryLimit: 2,
      NeedVerifyIdCard: true,
      DisableChangeOcrResult: true,
      DisableCheckOcrWarnings: true,
      SelectedWarningCodes: [-9102, -9999, -9102],
      AllowExpiredDocument: false,
      CardOcrDisplayFields: ['FullName'],
      SkipResultPage: true,
      SdkVersion: 'PLUS',
    });
    expect(config).toMatchObject({
      CardType: 'InternationalIDPassport',
      IdCardType: 'MLIDPassport',
      SecureLevel: '2',
      ActionList: ['nod', 'shake'],
      RetryLimit: 2,
      NeedVerifyIdCard: true,
      DisableChangeOcrResult: true,
      DisableCheckOcrWarnings: true,
      // Unknown codes are dropped, duplicates merged.
      SelectedWarningCodes: [-9102],
      AllowExpiredDocument: false,
      CardOcrDisplayFields: ['FullName'],
      SkipResultPage: true,
      SdkVersion: 'PLUS',
    });
    expect(resolveSdkVerificationRequest({ IdCardType: 'ML' }).config.CardType).toBe('MLIDCard');
  });

  it('an unknown IdCardType is InvalidParameterValue, in every mode', () => {
    for (const CheckMode of [1, 2, 3]) {
      expect(
        code(() =>
          resolveSdkVerificationRequest({ CheckMode, IdCardType: 'HKIDCard', CompareImage: PNG_1x1 }),
        ),
      ).toBe('InvalidParameterValue');
    }
    expect(code(() => resolveSdkVerificationRequest({ IdCardType: 'toString' }))).toBe(
      'InvalidParameterValue',
    );
  });

  it('CheckMode 2 needs CompareImage (Base64, size-limited); 3 has no document keys and no photo', () => {
    expect(code(() => resolveSdkVerificationRequest({ CheckMode: 2 }))).toBe('MissingParameter');
    expect(
      code(() => resolveSdkVerificationRequest({ CheckMode: 2, CompareImage: 'data:image/png;base64,AA' })),
    ).toBe('InvalidParameter');
    const two = resolveSdkVerificationRequest({ CheckMode: 2, CompareImage: PNG_1x1 });
    expect(two.image?.subarray(1, 4).toString()).toBe('PNG');
    expect(two.config).not.toHaveProperty('CardType');
    const three = resolveSdkVerificationRequest({ CheckMode: 3, CompareImage: PNG_1x1, SecurityLevel: 1 });
    expect(three.image).toBeNull();
    expect(three.config).toMatchObject({ CheckMode: 3, SecureLevel: '1', ActionList: [] });
    expect(three.config).not.toHaveProperty('SelectedWarningCodes');
  });

  it('ActionList only with SecurityLevel 2 or 4, and no action twice', () => {
    expect(code(() => resolveSdkVerificationRequest({ SecurityLevel: 3, ActionList: 'blink' }))).toBe(
      'InvalidParameterValue',
    );
    expect(code(() => resolveSdkVerificationRequest({ SecurityLevel: 4, ActionList: 'mouth,mouth' }))).toBe(
      'InvalidParameterValue',
    );
    expect(resolveSdkVerificationRequest({ ActionList: 'mouth' }).config.ActionList).toEqual(['mouth']);
  });
});
