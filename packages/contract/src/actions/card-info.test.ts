import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { CARD_INFO_KEYS } from '../documents/card-types.js';
import { CardInfo, CARD_STRUCT_FIELDS, CompareResult, OCRResult } from './card-info.js';
import { GetSdkVerificationResultResponse } from './sdk-verification.js';

/** spec §7.1 GetWebVerificationResultIntl, Example 1: the OCRResult entry as the vendor prints it. */
const WEB_EXAMPLE_OCR = {
  IsPass: true,
  CardImageBase64: 'abc',
  CardInfo: {
    HKIDCard: { CnName: 'abc', EnName: 'abc', IdNum: 'abc', Birthday: 'abc', Sex: 'abc' },
    MLIDCard: { Name: 'abc', ID: 'abc', Sex: 'abc', Address: 'abc', Type: 'abc', Birthday: 'abc' },
    PhilippinesVoteID: {
      VIN: 'abc',
      FirstName: 'abc',
      LastName: 'abc',
      Birthday: 'abc',
      CivilStatus: 'abc',
      Citizenship: 'abc',
      Address: 'abc',
      PrecinctNo: 'abc',
    },
    IndonesiaIDCard: Object.fromEntries(CARD_STRUCT_FIELDS.IndonesiaIDCard.map((k) => [k, 'abc'])),
    PhilippinesDrivingLicense: {
      Name: 'abc',
      LastName: 'abc',
      FirstName: 'abc',
      MiddleName: 'abc',
      Nationality: 'abc',
      Sex: 'abc',
      Address: 'abc',
      LicenseNo: 'abc',
      ExpiresDate: 'abc',
      AgencyCode: 'abc',
      Birthday: 'abc',
    },
    PhilippinesTinID: {
      LicenseNumber: 'abc',
      FullName: 'abc',
      Address: 'abc',
      Birthday: 'abc',
      IssueDate: 'abc',
    },
    PhilippinesSSSID: { LicenseNumber: 'abc', FullName: 'abc', Birthday: 'abc' },
    PhilippinesUMID: {
      Surname: 'abc',
      MiddleName: 'abc',
      GivenName: 'abc',
      Sex: 'abc',
      Birthday: 'abc',
      Address: 'abc',
      CRN: 'abc',
    },
  },
  RequestId: 'abc',
};

describe('document result structs (spec §8)', () => {
  it("accept the vendor's own example, and every struct key there is one we know", () => {
    expect(Value.Check(OCRResult, WEB_EXAMPLE_OCR)).toBe(true);
    for (const [key, struct] of Object.entries(WEB_EXAMPLE_OCR.CardInfo)) {
      const known: readonly string[] = CARD_STRUCT_FIELDS[key as keyof typeof CARD_STRUCT_FIELDS];
      expect(
        Object.keys(struct).filter((f) => !known.includes(f)),
        key,
      ).toEqual([]);
    }
  });

  it('CardInfo has a struct for every document type we accept, with optional nullable String fields', () => {
    for (const key of CARD_INFO_KEYS) {
      expect(CardInfo.properties).toHaveProperty(key);
      const nulls = Object.fromEntries(CARD_STRUCT_FIELDS[key].map((k) => [k, null]));
      expect(Value.Check(CardInfo, { [key]: nulls }), key).toBe(true);
      expect(Value.Check(CardInfo, { [key]: { [CARD_STRUCT_FIELDS[key][0]]: 1 } }), key).toBe(false);
    }
  });

  it('GetSdkVerificationResult: the never-null FileInfo fields of CompareResult stay required', () => {
    const file = { Url: '', MD5: '', Size: 0 };
    const compare = {
      ErrorCode: '0',
      ErrorMsg: 'Success',
      LiveData: file,
      LiveVideo: file,
      ActionVideo: file,
      LiveErrorCode: '0',
      LiveErrorMsg: 'Success',
      BestFrame: null,
      ProfileImage: file,
      CompareErrorCode: '0',
      CompareErrorMsg: 'Success',
      Sim: 90,
      IsNeedCharge: true,
      CardInfoInputJson: null,
      RequestId: 'r',
    };
    expect(Value.Check(CompareResult, compare)).toBe(true);
    expect(Value.Check(CompareResult, { ...compare, LiveVideo: null })).toBe(false);
    const answer = {
      Result: '0',
      Description: 'Success',
      ChargeCount: 1,
      CardVerifyResults: [],
      CompareResults: [compare],
      Extra: '',
      RequestId: 'x',
    };
    expect(Value.Check(GetSdkVerificationResultResponse, answer)).toBe(true);
    expect(Value.Check(GetSdkVerificationResultResponse, { ...answer, ChargeCount: '1' })).toBe(false);
  });
});
