import { describe, expect, it } from 'vitest';
import { ApiError } from '@open-ekyc/contract';
import { documentSettings } from './document-settings.js';
import { acceptedCardKeys, legacyNamesOf } from './legacy-card-types.js';

describe('document settings from a session config', () => {
  it('exists only for CheckMode 1 and 4, with the DocumentSessionConfig defaults', () => {
    expect(documentSettings({ CheckMode: 2 })).toBeNull();
    expect(documentSettings({ CheckMode: 'liveness' })).toBeNull();
    expect(documentSettings({ CheckMode: 4 })).toMatchObject({
      checkMode: 4,
      cardType: 'HKIDCard',
      sides: ['front'],
      checkWarnings: true,
      blockingWarnings: [-9101, -9102, -9103, -9104, -9107, -9108, -9901],
      allowExpired: true,
      allowEdit: true,
      cutReturn: false,
      displayFields: [],
    });
  });

  it('takes web (string) and SDK (array) warning selections, and maps SDK display names to struct fields', () => {
    expect(
      documentSettings({ CheckMode: 1, SelectedWarningCodes: '-9102, -9108' })?.blockingWarnings,
    ).toEqual([-9102, -9108]);
    const s = documentSettings({
      CheckMode: 1,
      CardType: 'SingaporeIDCard',
      SelectedWarningCodes: [-9101],
      CardOcrDisplayFields: ['FullName', 'LicenseNumber', 'Sex', 'NotAField'],
      DisableChangeOcrResult: true,
      AllowExpiredDocument: false,
    });
    expect(s).toMatchObject({
      sides: ['front', 'back'],
      blockingWarnings: [-9101],
      allowEdit: false,
      allowExpired: false,
    });
    expect(s?.displayFields).toEqual(['EnName', 'FullName', 'ID', 'LicenseNumber', 'Sex', 'NRICCode']);
  });
});

describe('legacy ApplyCardVerification names', () => {
  it('maps Nationality + CardType to the CardInfo keys it accepts', () => {
    expect(acceptedCardKeys('HKG', 'ID_CARD')).toEqual(['HKIDCard']);
    expect(acceptedCardKeys('TWN', 'PASSPORT')).toEqual(['InternationalIDPassport']);
    expect(acceptedCardKeys('MYS', 'AUTO')).toEqual(['MLIDCard', 'GeneralCard', 'InternationalIDPassport']);
    expect(acceptedCardKeys('AUTO', 'AUTO')).toBeNull();
    expect(acceptedCardKeys('AUTO', 'ID_CARD')).toContain('ThailandIDCard');
    expect(() => acceptedCardKeys('HKG', 'DRIVING_LICENSE')).toThrow(ApiError);
    expect(legacyNamesOf('HKIDCard', {})).toEqual({ nationality: 'HKG', cardType: 'ID_CARD' });
    expect(legacyNamesOf('InternationalIDPassport', { NationalityCode: 'UTO' })).toEqual({
      nationality: 'UTO',
      cardType: 'PASSPORT',
    });
  });
});
