import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../types.js';
import { MRZ_ALPHABET, decodeConstrained, greedyText } from './mrz-ctc.js';
import { restoreFillers } from './mrz-fillers.js';
import { chevronOutline, fillerLikeness, fitGrid, looksLikeFiller, type GlyphRow } from './mrz-glyphs.js';
import { LAYOUTS, positionCharsets } from './mrz-layout.js';
import { repairChecks } from './mrz-repair.js';
import { analyzeDocument } from './analyze-document.js';
import { sharedOcr, type CtcSteps, type OcrEngine } from './ocr.js';
import { hasOcrB, renderCardOnly } from './test-cards.fixture.js';

// MRZ reading from CTC steps, glyphs and check digits: pure tests on synthetic data, then the
// real model on generated cards (never on eval data).

/** CTC steps from per-step probabilities of MRZ characters; the rest of each step is blank. */
function steps(frames: readonly Readonly<Record<string, number>>[]): CtcSteps {
  const K = MRZ_ALPHABET.length + 1;
  const probs = new Float32Array(frames.length * K);
  frames.forEach((f, t) => {
    let rest = 1;
    for (const [ch, p] of Object.entries(f)) {
      probs[t * K + MRZ_ALPHABET.indexOf(ch) + 1] = p;
      rest -= p;
    }
    probs[t * K] = rest;
  });
  return { probs, steps: frames.length, alphabet: MRZ_ALPHABET };
}
const spell = (text: string, p = 0.95) => [...text].flatMap((ch) => [{ [ch]: p }, {}]);
const ANY = (n: number) => new Array<string>(n).fill(MRZ_ALPHABET);

describe('constrained CTC decoding', () => {
  it('keeps the narrow letter greedy decoding drops, given the line length', () => {
    // "CALLIE": the I between the Ls only reaches 30 % (blank 50 %), as on a real specimen.
    const m = steps([...spell('CALL'), { I: 0.3, L: 0.2 }, {}, ...spell('E')]);
    expect(greedyText(m)).toBe('CALLE');
    expect(decodeConstrained(m, ANY(6))?.text).toBe('CALLIE');
  });

  it('emits a repeated character twice only across a blank (CTC collapse)', () => {
    // Two filler steps with no blank between them collapse to one '<': the second filler must
    // come from another step, here the weak one after the blank.
    const m = steps([{ A: 0.9 }, { '<': 0.9 }, { '<': 0.9 }, {}, { '<': 0.2 }, {}]);
    expect(greedyText(m)).toBe('A<');
    expect(decodeConstrained(m, ANY(3))?.text).toBe('A<<');
  });

  it('reads a digit where the layout allows only digits', () => {
    const m = steps([...spell('7'), { O: 0.7, '0': 0.25 }, {}, ...spell('1')]);
    expect(decodeConstrained(m, ANY(3))?.text).toBe('7O1');
    expect(decodeConstrained(m, ['0123456789', '0123456789', '0123456789'])?.text).toBe('701');
  });

  it('reports the per-position evidence and gives up on too few steps', () => {
    const r = decodeConstrained(steps([{ S: 0.6, '5': 0.35 }, {}]), ANY(1));
    const s = r?.charScores[0] as Float32Array;
    expect(Math.exp(s[MRZ_ALPHABET.indexOf('S')] as number)).toBeCloseTo(0.6, 5);
    expect(Math.exp(s[MRZ_ALPHABET.indexOf('5')] as number)).toBeCloseTo(0.35, 5);
    expect(decodeConstrained(steps([{ A: 1 }]), ANY(2))).toBeNull();
  });
});

describe('layout charsets', () => {
  it('puts digits in dates and check digits, letters in names, M/F/X/< for sex', () => {
    const [l0, l1] = positionCharsets(LAYOUTS.TD3) as [string[], string[]];
    expect(l0[10]).toBe('<ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(l1[9]).toBe('0123456789'); // document number check digit
    expect(l1[15]).toBe('01<'); // birth month, first digit (unknown parts are '<')
    expect(l1[25]).toBe('0123'); // expiry day, first digit
    expect(l1[20]).toBe('MFX<');
    expect(l1[42]).toBe('<0123456789'); // personal number check may be '<'
    expect(l1[0]).toBe(MRZ_ALPHABET); // document number: anything
  });
});

describe('check-digit repair by the model evidence', () => {
  const SPECIMEN = [
    'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
    'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
  ];
  const allowed = positionCharsets(LAYOUTS.TD3);
  /** Confident evidence for the given text, with extra candidates at some positions. */
  const scoresFor = (lines: readonly string[], extra: Record<string, Record<string, number>> = {}) =>
    lines.map((line, l) =>
      [...line].map((ch, c) => {
        const s = new Float32Array(MRZ_ALPHABET.length).fill(Math.log(1e-6));
        s[MRZ_ALPHABET.indexOf(ch)] = Math.log(0.98);
        for (const [alt, p] of Object.entries(extra[`${l}:${c}`] ?? {}))
          s[MRZ_ALPHABET.indexOf(alt)] = Math.log(p);
        return s;
      }),
    );

  it('changes the character the model hesitated on', () => {
    const read = [SPECIMEN[0] as string, (SPECIMEN[1] as string).replace('1204159', '1284159')];
    const lines = [...read];
    const fixes = repairChecks(lines, LAYOUTS.TD3, allowed, scoresFor(read, { '1:23': { '0': 0.3 } }));
    expect(lines).toEqual(SPECIMEN);
    expect(fixes).toEqual([[1, 23, '8', '0']]);
  });

  it('leaves a confidently printed wrong check digit alone', () => {
    const read = [SPECIMEN[0] as string, (SPECIMEN[1] as string).replace('L898902C36', 'L898902C34')];
    const lines = [...read];
    expect(repairChecks(lines, LAYOUTS.TD3, allowed, scoresFor(read))).toEqual([]);
    expect(lines).toEqual(read);
  });

  it('does not choose between two equally likely fixes', () => {
    const read = [SPECIMEN[0] as string, (SPECIMEN[1] as string).replace('1204159', '1204169')];
    const lines = [...read];
    // '5' for the read '6', or 0 (the check digit of 120416) for the read 9: both plausible.
    const scores = scoresFor(read, { '1:26': { '5': 0.3 }, '1:27': { '0': 0.3 } });
    expect(repairChecks(lines, LAYOUTS.TD3, allowed, scores)).toEqual([]);
  });
});

/** A synthetic MRZ row: glyphs drawn as thick strokes on a light background. */
function drawRow(
  text: string,
  pitch = 20,
  height = 34,
): { image: RgbImage; centres: Float32Array; steps: number } {
  const width = pitch * (text.length + 2);
  const g = new Float32Array(width * height).fill(225);
  const stroke = (x0: number, y0: number, x1: number, y1: number) => {
    const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2);
    for (let i = 0; i <= n; i++) {
      const x = x0 + ((x1 - x0) * i) / n,
        y = y0 + ((y1 - y0) * i) / n;
      for (let dy = -1.5; dy <= 1.5; dy++)
        for (let dx = -1.5; dx <= 1.5; dx++) {
          const xi = Math.round(x + dx),
            yi = Math.round(y + dy);
          if (xi >= 0 && xi < width && yi >= 0 && yi < height) g[yi * width + xi] = 30;
        }
    }
  };
  const top = 6,
    bottom = height - 6,
    mid = height / 2;
  [...text].forEach((ch, j) => {
    const l = pitch * (j + 1) + 3,
      r = l + pitch - 8;
    if (ch === '<') {
      stroke(r, top + 2, l, mid);
      stroke(l, mid, r, bottom - 2);
    } else if (ch === 'K') {
      stroke(l, top, l, bottom);
      stroke(r, top, l + 1, mid + 1);
      stroke(l + 4, mid - 2, r, bottom);
    } else if (ch === 'A') {
      stroke((l + r) / 2, top, l, bottom);
      stroke((l + r) / 2, top, r, bottom);
      stroke(l + 3, mid + 3, r - 3, mid + 3);
    } else {
      // 'E'
      stroke(l, top, l, bottom);
      for (const y of [top, mid, bottom]) stroke(l, y, r, y);
    }
  });
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < g.length; i++) data[i * 3] = data[i * 3 + 1] = data[i * 3 + 2] = g[i] as number;
  // CTC time steps are 8 input pixels; an alignment centre per glyph, with a little jitter.
  const T = Math.round(width / 8);
  const centres = Float32Array.from(
    text,
    (_, j) => (pitch * (j + 1.5) + ((j % 3) - 1) * 2) / (width / T) - 0.5,
  );
  return { image: { width, height, data }, centres, steps: T };
}

describe('fillers by their looks', () => {
  it('fits the monospace grid through misaligned positions', () => {
    const xs = Float32Array.from({ length: 30 }, (_, j) => 12 + 20 * j + (j === 7 ? 15 : 0));
    const { a, b } = fitGrid(xs);
    expect(b).toBeCloseTo(20, 5);
    expect(a).toBeCloseTo(12, 5);
  });

  it('tells a chevron read as K from a real K', () => {
    //            0123456789012345678
    const text = 'EAKA<<AEA<<<<<<<<<<';
    const { image, centres, steps: T } = drawRow(text);
    const row: GlyphRow = {
      image,
      centres,
      steps: T,
      // The model was sure of most fillers but read the one at 10 as a letter.
      filler: [...text].map((ch, j) => ch === '<' && j !== 10),
      judge: [...text].map((ch, j) => ch !== '<' || j === 10),
    };
    const f = fillerLikeness([row]);
    expect(f).not.toBeNull();
    if (!f) return;
    expect(looksLikeFiller(f, 0, 10)).toBe(true); // the chevron the model read as K
    expect(looksLikeFiller(f, 0, 2)).toBe(false); // the real K (its stem)
    for (const j of [0, 1, 3, 6, 7, 8]) expect(looksLikeFiller(f, 0, j)).toBe(false);
  });

  it('needs a few confident fillers for a template', () => {
    const { image, centres, steps: T } = drawRow('EAKAE');
    const row = {
      image,
      centres,
      steps: T,
      filler: [false, false, false, false, false],
      judge: [true, true, true, true, true],
    };
    expect(fillerLikeness([row])).toBeNull();
  });

  it('checks the chevron outline on a raster', () => {
    const raster = (draw: (set: (x: number, y: number) => void) => void) => {
      const v = new Float32Array(160).fill(0.05);
      draw((x, y) => (v[y * 10 + x] = -0.2));
      return v;
    };
    const chevron = raster((set) => {
      for (let y = 1; y < 15; y++) set(Math.round(2 + Math.abs(y - 7.5) * 0.9), y);
    });
    const k = raster((set) => {
      for (let y = 1; y < 15; y++) {
        set(1, y);
        set(Math.round(2 + Math.abs(y - 7.5) * 0.9), y);
      }
    });
    expect(chevronOutline(chevron)).toBe(true);
    expect(chevronOutline(k)).toBe(false);
  });
});

describe('filler restoration (text)', () => {
  const allowedTd1 = positionCharsets(LAYOUTS.TD1);
  const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6'];

  it('turns K runs and letters after the name into fillers without a glyph template', () => {
    const out = restoreFillers([...TD1, 'CARDENAS<<JORGE<ANTHONY<KKKKKS'], LAYOUTS.TD1, allowedTd1, null);
    expect(out[2]).toBe('CARDENAS<<JORGE<ANTHONY<<<<<<<');
  });

  it('keeps a single K in a name, and the French ID given-name separators', () => {
    expect(restoreFillers([...TD1, 'MAENNIK<<MARI<LIIS<<<<<<<<<<<<'], LAYOUTS.TD1, allowedTd1, null)[2]).toBe(
      'MAENNIK<<MARI<LIIS<<<<<<<<<<<<',
    );
    const fra = [
      'IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<',
      '9409923102854CORINNE<<ANNE<<<6512068F4'.slice(0, 36),
    ];
    expect(
      restoreFillers(fra, LAYOUTS.FRENCH_NATIONAL_ID, positionCharsets(LAYOUTS.FRENCH_NATIONAL_ID), null),
    ).toEqual(fra);
  });
});

// A small, low-contrast card: glyphs of 8–10 px before the engine's upscale, as on the Peru
// specimen. The previous reader (greedy text at ×2/×1.5/×2.5) misread both of these.
const FONT_MISSING = !hasOcrB();
describe.skipIf(FONT_MISSING)('readMrz on small generated cards (model)', () => {
  let ocr: OcrEngine;
  beforeAll(async () => {
    ocr = await sharedOcr();
  }, 60_000);

  /** The card rendered at `width` px through JPEG (analyzeDocument upscales it to 1000 px). */
  const smallCard = async (mrz: readonly string[], background: string, width: number, quality: number) => {
    const card = await renderCardOnly({
      title: 'UTOPIA IDENTITY CARD',
      lines: ['Surname', 'Given names'],
      mrz,
      background,
    });
    const jpeg = await sharp(card.data, { raw: { width: card.width, height: card.height, channels: 3 } })
      .resize(width, Math.round((card.height * width) / card.width))
      .jpeg({ quality })
      .toBuffer();
    return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.length);
  };
  const read = async (bytes: Uint8Array) => (await analyzeDocument(bytes, { deps: { ocr } })).mrz;

  it('reads a TD1 name line with separators exactly', async () => {
    const mrz = [
      'I<UTOD231458907<<<<<<<<<<<<<<<',
      '7408122M1204159UTO<<<<<<<<<<<6',
      'CARDENAS<<JORGE<ANTHONY<<<<<<<',
    ];
    const r = await read(await smallCard(mrz, '#7fd3ea', 260, 60));
    expect(r?.lines).toEqual(mrz);
    expect(r?.valid).toBe(true);
  }, 30_000);

  it('reads a TD3 with a double letter before a narrow one exactly', async () => {
    const mrz = [
      'P<UTONELSON<<CALLIE<<<<<<<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO8810171F1204159ZE184226B<<<<<12',
    ];
    const r = await read(await smallCard(mrz, '#7fd3ea', 340, 90));
    expect(r?.lines).toEqual(mrz);
    expect(r?.valid).toBe(true);
  }, 30_000);
});
