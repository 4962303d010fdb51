import { createHash } from 'node:crypto';
import {
  CARD_INFO_KEYS,
  CardVerifyResult,
  CompareResult,
  OCRResult,
  type VerificationDetail,
} from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { DocumentOutcome, DocumentReadRecord } from '../services/documents/document-types.js';
import type { StoredFile } from '../services/web-flow/web-flow-service.js';
import {
  cardInfoOcrJson,
  cardInfoOf,
  cardVerifyResultOf,
  normalCardInfoOf,
  ocrResultOf,
} from './document-results.js';
import { compareResultOf } from './get-sdk-verification-result.js';

const file = (text: string): StoredFile => {
  const bytes = Buffer.from(text);
  return {
    bytes,
    md5: createHash('md5').update(bytes).digest('hex'),
    size: bytes.length,
    url: `https://kyc.example/media/${text}`,
  };
};

const HK_FIELDS = {
  CnName: '陳大文',
  EnName: 'CHAN, Tai Man',
  TelexCode: '7115 1129 2429',
  Sex: 'M',
  Birthday: '01-01-1990',
  Permanent: '1',
  IdNum: 'A123456(3)',
  Symbol: '***AZ',
  FirstIssueDate: '(01-03)',
  CurrentIssueDate: '15-06-2020',
};

function read(over: Partial<DocumentReadRecord> = {}): DocumentReadRecord {
  return {
    id: 'read-1',
    token: 'T',
    side: 'front',
    state: 'passed',
    cardType: 'HKIDCard',
    code: '0',
    message: 'ok',
    warnings: [],
    fields: HK_FIELDS,
    invalidFields: [],
    imageMediaId: 'img',
    cutMediaId: 'cut',
    portraitMediaId: 'face',
    edits: null,
    confirmedAt: null,
    createdAt: new Date('2026-06-01T08:00:00Z'),
    ...over,
  };
}

function outcome(over: Partial<DocumentOutcome> = {}): DocumentOutcome {
  const front = over.front ?? read();
  return {
    front,
    back: null,
    image: file('photo'),
    cut: file('cut'),
    portrait: file('portrait'),
    backImage: null,
    backCut: null,
    fields: front.fields,
    confirmed: true,
    ...over,
  };
}

describe('document results → spec §8 structs', () => {
  it('CardInfo holds exactly the spec struct of the read type (unread fields null, extra keys dropped)', () => {
    expect(cardInfoOf('MLIDCard', { Name: 'ALI', ID: '900101-14-5678', Bogus: 'x' })).toEqual({
      MLIDCard: { Name: 'ALI', ID: '900101-14-5678', Sex: null, Address: null, Type: null, Birthday: null },
    });
    for (const key of CARD_INFO_KEYS) {
      const r = ocrResultOf(outcome({ front: read({ cardType: key, fields: {} }) }), {
        idCardCutReturn: false,
        checkMode: 1,
      });
      expect(Value.Check(OCRResult, r), key).toBe(true);
      expect(Object.keys(r.CardInfo ?? {})).toEqual([key]);
    }
  });

  it('NormalCardInfo renames the HKID, MyKad, Indonesian and Thai fields; the HMT permit is HMTPermitCard', () => {
    expect(normalCardInfoOf('HKIDCard', HK_FIELDS).HKIDCard).toEqual({
      ChineseName: '陳大文',
      FullName: 'CHAN, Tai Man',
      RegistrationNumber: '7115 1129 2429',
      Sex: 'M',
      Birthday: '01-01-1990',
      Permanent: '1',
      LicenseNumber: 'A123456(3)',
      Symbol: '***AZ',
      IssuedDate: '(01-03)',
      CurrentIssueDate: '15-06-2020',
      HKIDVersion: null,
    });
    expect(normalCardInfoOf('MLIDCard', { Name: 'ALI', Address: 'JALAN 1' }).MLIDCard).toMatchObject({
      FullName: 'ALI',
      FormattedAddress: 'JALAN 1',
    });
    expect(
      normalCardInfoOf('ThailandIDCard', {
        FirstName: 'Somchai',
        LastName: 'Jaidee',
        DateOfBirth: '1990-01-01',
      }).ThailandIDCard,
    ).toMatchObject({ FullName: 'Somchai Jaidee', Birthday: '1990-01-01', ExpirationDate: null });
    expect(normalCardInfoOf('IndonesiaIDCard', { NIK: '3171', Nama: 'BUDI' }).IndonesiaIDCard).toMatchObject({
      LicenseNumber: '3171',
      FullName: 'BUDI',
    });
    expect(Object.keys(normalCardInfoOf('HMTPermit', { Name: 'x' }))).toEqual(['HMTPermitCard']);
  });

  it('the CardInfoOcrJson file has the HKID Permanent as an int (spec: 0, 1, -1 unknown)', () => {
    expect(cardInfoOcrJson('HKIDCard', HK_FIELDS).Permanent).toBe(1);
    expect(cardInfoOcrJson('HKIDCard', { ...HK_FIELDS, Permanent: '0' }).Permanent).toBe(0);
    expect(cardInfoOcrJson('HKIDCard', { ...HK_FIELDS, Permanent: null }).Permanent).toBe(-1);
    expect(cardInfoOcrJson('MLIDCard', { Name: 'ALI' })).toMatchObject({ Name: 'ALI', ID: null });
  });

  it('OCRResult: CardImageBase64 follows IdCardCutReturn; images, warnings and RequestId of the read', () => {
    const o = outcome({
      front: read({ warnings: [-9103] }),
      back: read({ id: 'read-2', side: 'back', fields: {}, warnings: [-9103, -9107] }),
      backImage: file('back'),
      backCut: file('backcut'),
    });
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const original = ocrResultOf(o, { idCardCutReturn: false, checkMode: 1 });
    expect(original).toMatchObject({
      IsPass: true,
      CardImageBase64: b64('photo'),
      CardCutImageBase64: b64('cut'),
      CardBackImageBase64: b64('back'),
      CardBackCutImageBase64: b64('backcut'),
      HeadImageBase64: b64('portrait'),
      WarnCardInfos: [-9103, -9107],
      RequestId: 'read-1',
      OriginalCardInfo: null,
    });
    expect(original.NormalCardInfo?.HKIDCard?.LicenseNumber).toBe('A123456(3)');
    expect(ocrResultOf(o, { idCardCutReturn: true, checkMode: 1 }).CardImageBase64).toBe(b64('cut'));
    // Without a cut image the photo as taken stands in.
    expect(ocrResultOf({ ...o, cut: null }, { idCardCutReturn: true, checkMode: 1 }).CardImageBase64).toBe(
      b64('photo'),
    );
    expect(Value.Check(OCRResult, original)).toBe(true);
  });

  it('CheckMode 4 returns OriginalCardInfo (the read before corrections) instead of NormalCardInfo', () => {
    const o = outcome({ fields: { ...HK_FIELDS, EnName: 'CHAN, Tai-man' } });
    const r = ocrResultOf(o, { idCardCutReturn: false, checkMode: 4 });
    expect(r.NormalCardInfo).toBeNull();
    expect(JSON.parse(r.OriginalCardInfo as string)).toMatchObject({
      HKIDCard: { FullName: 'CHAN, Tai Man' },
    });
    expect(r.CardInfo?.HKIDCard?.EnName).toBe('CHAN, Tai-man');
  });

  it('a failed back fails the document; a failed read has no OCR JSON link', () => {
    const failedBack = outcome({ back: read({ id: 'b', side: 'back', state: 'failed', fields: {} }) });
    expect(ocrResultOf(failedBack, { idCardCutReturn: false, checkMode: 1 }).IsPass).toBe(false);
    const json = { Url: 'https://kyc.example/media/j', MD5: 'x', Size: 3 };
    expect(cardVerifyResultOf(failedBack, json).CardInfoOcrJson).toBeNull();
  });

  it('CardVerifyResult: CardImage link, IsEdit and EditDetails from the confirmed corrections', () => {
    const edits = [
      { FieldName: 'EnName', OriginalFieldValue: 'CHAN, Tai Man', RevisedFieldValue: 'CHAN, Tai-man' },
    ];
    const o = outcome({
      front: read({ edits, confirmedAt: new Date() }),
      fields: { ...HK_FIELDS, EnName: 'CHAN, Tai-man' },
    });
    const json = { Url: 'https://kyc.example/media/j', MD5: 'x', Size: 3 };
    const r = cardVerifyResultOf(o, json);
    expect(Value.Check(CardVerifyResult, r)).toBe(true);
    expect(r).toMatchObject({
      IsPass: true,
      IsEdit: true,
      CardVideo: null,
      CardImage: { Url: 'https://kyc.example/media/photo', Size: 5, MD5: file('photo').md5 },
      CardInfoOcrJson: json,
      RequestId: 'read-1',
      EditDetails: edits,
      CardInfo: { HKIDCard: { EnName: 'CHAN, Tai-man' } },
    });
    expect(cardVerifyResultOf(outcome(), json)).toMatchObject({ IsEdit: false, EditDetails: [] });
  });
});

describe('CompareResult of one liveness attempt', () => {
  const detail = (over: Partial<VerificationDetail> = {}): VerificationDetail => ({
    ErrorCode: 0,
    ErrorMsg: 'Success',
    LivenessErrorCode: 0,
    LivenessErrorMsg: 'Success',
    CompareErrorCode: 0,
    CompareErrorMsg: 'Success',
    ReqTimestamp: 1,
    Similarity: 91.5,
    Seq: 'att-1',
    ...over,
  });
  const at = new Date('2026-06-01T08:00:00Z');

  it('codes as Strings, its own files, the document portrait as ProfileImage', () => {
    const r = compareResultOf(detail(), { video: file('v'), bestFrame: file('bf') }, file('portrait'), at);
    expect(Value.Check(CompareResult, r)).toBe(true);
    expect(r).toMatchObject({
      ErrorCode: '0',
      LiveErrorCode: '0',
      CompareErrorCode: '0',
      Sim: 91.5,
      LiveVideo: { Url: 'https://kyc.example/media/v' },
      ActionVideo: { Url: 'https://kyc.example/media/v' },
      BestFrame: { Url: 'https://kyc.example/media/bf' },
      ProfileImage: { Url: 'https://kyc.example/media/portrait' },
      LiveData: { Url: '', MD5: '', Size: 0 },
      IsNeedCharge: true,
      RequestId: 'att-1',
    });
  });

  it('a liveness failure: no comparison ("" like the vendor example), no files → empty FileInfo / null', () => {
    const r = compareResultOf(
      detail({
        ErrorCode: 1005,
        ErrorMsg: 'Liveness detection failed',
        LivenessErrorCode: 1005,
        CompareErrorCode: null,
        CompareErrorMsg: null,
        Similarity: null,
      }),
      undefined,
      null,
      at,
    );
    expect(Value.Check(CompareResult, r)).toBe(true);
    expect(r).toMatchObject({
      ErrorCode: '1005',
      LiveErrorCode: '1005',
      CompareErrorCode: '',
      Sim: 0,
      LiveVideo: { Url: '' },
      BestFrame: null,
      ProfileImage: { Url: '' },
      // ekyc-sdk 1005 is billable from 2026-03-10.
      IsNeedCharge: true,
    });
    expect(
      compareResultOf(detail({ ErrorCode: 1005 }), undefined, null, new Date('2026-01-01')).IsNeedCharge,
    ).toBe(false);
  });
});
