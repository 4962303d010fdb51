import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../types.js';
import sharp from 'sharp';
import { createFaceAnalyzer } from '../faces/create-face-analyzer.js';
import { analyzeDocument, type AnalyzeDocumentOptions, type DocumentAnalysis } from './analyze-document.js';
import { ocrDocumentTask } from './ocr-document-task.js';
import { sharedOcr, type OcrEngine } from './ocr.js';
import {
  DESK_TEXT_FIELD,
  DESK_TILT,
  SPECIMEN_PASSPORT_FIELDS,
  SPECIMEN_TD3,
  blurred,
  cropped,
  hasOcrB,
  pasted,
  photocopied,
  renderCardOnly,
  renderOnDesk,
  renderSpecimenPassport,
  textPatch,
  toPng,
  withFinger,
  withGlare,
  withMoire,
} from './test-cards.fixture.js';

// Model tests on generated cards (never on eval data): one OCR instance for the file.
const FONT_MISSING = !hasOcrB();
if (FONT_MISSING)
  console.warn(
    'documents.test: OCR-B font missing (apt-get install fonts-ocr-b): rendering-dependent cases skipped',
  );

describe.skipIf(FONT_MISSING)('analyzeDocument on generated cards', () => {
  let ocr: OcrEngine;
  let desk: RgbImage;
  let clean: DocumentAnalysis;
  const analyze = async (img: RgbImage, opts: AnalyzeDocumentOptions = {}) =>
    analyzeDocument(await toPng(img), { ...opts, deps: { ocr } });
  const names = (r: DocumentAnalysis) => r.warnings.map((w) => w.name).sort();

  beforeAll(async () => {
    ocr = await sharedOcr();
    desk = await renderSpecimenPassport();
    clean = await analyze(desk);
  }, 60_000);

  it('reads the MRZ exactly, validates it and fills the passport struct', () => {
    expect(clean.card.found).toBe(true);
    expect(clean.mrz?.lines).toEqual(SPECIMEN_TD3);
    expect(clean.mrz?.valid).toBe(true);
    expect(clean.type).toBe('InternationalIDPassport');
    expect(clean.parsed?.fields).toMatchObject(SPECIMEN_PASSPORT_FIELDS);
    expect(clean.lines.some((l) => l.text.includes('ERIKSSON') && l.text.includes('Surname'))).toBe(true);
  });

  it('raises no warning on the clean card', () => {
    expect(names(clean)).toEqual([]);
  });

  it('rectifies a card seen in perspective', async () => {
    const r = await analyze(await renderSpecimenPassport({ corners: DESK_TILT }));
    expect(r.card.rectified).toBe(true);
    // Side lengths under-estimate the foreshortened width: within 10 % of the true aspect.
    expect(Math.abs(r.card.width / r.card.height / (1000 / 630) - 1)).toBeLessThan(0.1);
    expect(r.mrz?.lines).toEqual(SPECIMEN_TD3);
    expect(names(r)).toEqual([]);
  });

  it('reports a deliberately wrong check digit', async () => {
    const wrong = [SPECIMEN_TD3[0], SPECIMEN_TD3[1].replace('L898902C36', 'L898902C34')];
    const r = await analyze(await renderSpecimenPassport({ mrz: wrong }));
    expect(r.mrz?.lines).toEqual(wrong);
    expect(r.mrz?.valid).toBe(false);
    expect(r.mrz?.checks.find((c) => c.field === 'documentNumber')?.valid).toBe(false);
    expect(r.parsed?.evidence.LicenseNumber?.valid).toBe(false);
  });

  it.each([
    ['blur', -9108, (img: RgbImage) => blurred(img, 3)],
    ['photocopy', -9102, (img: RgbImage) => photocopied(img)],
    ['recapture', -9103, (img: RgbImage) => withMoire(img)],
    ['glare', -9107, (img: RgbImage) => withGlare(img, 800, 400, 90)],
    ['incompleteBorder', -9101, (img: RgbImage) => cropped(img, 500, 100, 900, 850)],
    [
      'tampering',
      -9104,
      (img: RgbImage) =>
        pasted(img, DESK_TEXT_FIELD, textPatch(DESK_TEXT_FIELD, 'Date of birth: 21 AUG 1979')),
    ],
    ['occlusion', -9101, (img: RgbImage) => withFinger(img, 700, 640)],
  ] as const)('detects %s (%i) on its variant only', async (name, code, make) => {
    const r = await analyze(await make(desk), { type: 'InternationalIDPassport' });
    expect(r.warnings.map((w) => w.name)).toEqual([name]);
    expect(r.warnings[0]?.code).toBe(code);
  });

  it('parses a Hong Kong identity card', async () => {
    const card = await renderCardOnly({
      title: 'HONG KONG PERMANENT IDENTITY CARD',
      lines: ['CHAN, Tai Man', '01-01-1980', 'M', '***AZ', '(01-79)', '15-09-18', 'A123456(3)'],
    });
    const r = await analyze(await renderOnDesk(card), { type: 'HKIDCard' });
    expect(r.parsed?.fields).toMatchObject({
      EnName: 'CHAN, Tai Man',
      Birthday: '01-01-1980',
      Sex: 'M',
      IdNum: 'A123456(3)',
      FirstIssueDate: '(01-79)',
      CurrentIssueDate: '15-09-18',
      Permanent: '1',
    });
    expect(r.parsed?.evidence.IdNum?.valid).toBe(true);
  });

  it('parses a MyKad and guesses its type from the validated number', async () => {
    const card = await renderCardOnly({
      title: 'KAD PENGENALAN MALAYSIA',
      lines: [
        'MyKad',
        '800101-14-5673',
        'AHMAD BIN ABDULLAH',
        'NO 12 JALAN MERAH',
        '50000 KUALA LUMPUR',
        'WARGANEGARA',
        'LELAKI',
      ],
    });
    const r = await analyze(await renderOnDesk(card));
    expect(r.type).toBe('MLIDCard');
    expect(r.parsed?.fields).toMatchObject({
      ID: '800101-14-5673',
      Name: 'AHMAD BIN ABDULLAH',
      Sex: 'LELAKI',
      Type: 'MyKad',
      Birthday: '1980-01-01',
    });
    expect(r.parsed?.fields.Address).toContain('50000 KUALA LUMPUR');
  });

  it('extracts the portrait (largest face on the rectified card)', async () => {
    const r = await analyzeDocument(await toPng(desk), {
      deps: { ocr, analyzer: await createFaceAnalyzer() },
    });
    expect(r.portrait).not.toBeNull();
    // The photo is printed at x 45–295, y 110–420 of the 1000×630 card.
    const box = r.portrait?.box ?? { x: 0, y: 0, width: 0, height: 0 };
    const sx = r.card.width / 1000,
      sy = r.card.height / 630;
    expect(box.x + box.width / 2).toBeGreaterThan(45 * sx);
    expect(box.x + box.width / 2).toBeLessThan(295 * sx);
    expect(box.y + box.height / 2).toBeGreaterThan(110 * sy);
    expect(box.y + box.height / 2).toBeLessThan(420 * sy);
    const meta = await sharp(r.portrait?.jpeg ?? new Uint8Array()).metadata();
    expect(meta.format).toBe('jpeg');
  }, 60_000);
});

describe('ocrDocument task input', () => {
  it('rejects an unknown document type and accepts a known one', () => {
    expect(() => ocrDocumentTask.parseInput({ image: new Uint8Array(4), type: 'Nope' })).toThrow(TypeError);
    expect(ocrDocumentTask.parseInput({ image: new Uint8Array(4), type: 'HKIDCard' }).type).toBe('HKIDCard');
  });
});
