import type { RgbImage } from '../types.js';
import { MRZ_ALPHABET, MRZ_FOLDING, decodeConstrained, greedyText, type ConstrainedRead } from './mrz-ctc.js';
import { restoreFillers } from './mrz-fillers.js';
import { TEMPLATE_MIN_P, fillerLikeness } from './mrz-glyphs.js';
import { LAYOUTS, layoutFor, positionCharsets, type MrzLayout } from './mrz-layout.js';
import { repairChecks } from './mrz-repair.js';
import { mrzRows, normalizeMrzText, withMissingRows, type Row } from './mrz-rows.js';
import { finishRead, readMrzLines, type MrzRead } from './mrz-text.js';
import { crop, resizeRaw, type CtcSteps, type OcrEngine, type OcrLine } from './ocr.js';

export { isMrzLike, normalizeMrzText } from './mrz-rows.js';
export { readMrzLines, type MrzCheck, type MrzRead } from './mrz-text.js';
export type { MrzFields } from './mrz-fields.js';

/**
 * Horizontal stretches for re-reading an MRZ row (OCR-B glyphs are narrower than the text
 * PP-OCRv4 rec was trained on). With the length-constrained decoding (mrz-ctc.ts) ×1.5 reads
 * most rows exactly (dev specimens, 32 rows: ×1.5 26, ×2 23); the others are read only when the
 * check digits fail, and the readings are fused per position.
 */
export const ROW_STRETCHES = [1.5, 2, 2.5] as const;
/** Vertical padding around a row crop, share of its height. */
const ROW_PAD = 0.15;
/** Horizontal margin of the row crops beyond the rows' union, share of the row height. */
const ROW_MARGIN = 0.5;
/** A row whose best constrained path averages below this (nats per character) is not an MRZ row. */
const MIN_MEAN_LOGP = -1.5;
/** Second-best line length tried only within this many nats of the best (see candidateLayouts). */
const LAYOUT_MARGIN = 8;

interface RowReading {
  readonly crop: RgbImage;
  readonly steps: CtcSteps;
}

async function readRow(
  image: RgbImage,
  ocr: OcrEngine,
  row: Row,
  [x0, x1]: readonly [number, number],
  stretch: number,
): Promise<RowReading> {
  const pad = Math.round(row.box.height * ROW_PAD);
  const y0 = Math.max(0, Math.floor(row.box.y) - pad),
    y1 = Math.min(image.height, Math.ceil(row.box.y + row.box.height) + pad);
  const c = crop(image, x0, y0, x1 - x0, y1 - y0);
  const w = Math.round(((c.width * 48) / c.height) * stretch);
  const steps = await ocr.recognizeLineSteps(
    { width: w, height: 48, data: await resizeRaw(c, w, 48) },
    MRZ_FOLDING,
  );
  return { crop: c, steps };
}

/** Per position: the sum over readings of each character's log-probability there. */
function fuse(reads: readonly ConstrainedRead[]): Float32Array[] {
  return Array.from((reads[0] as ConstrainedRead).charScores, (_, j) => {
    const s = new Float32Array(MRZ_ALPHABET.length);
    for (const r of reads)
      for (let k = 0; k < s.length; k++)
        s[k] = (s[k] as number) + ((r.charScores[j] as Float32Array)[k] as number);
    return s;
  });
}

function argmax(scores: Float32Array, allowed: string): string {
  let best = allowed[0] as string,
    bs = -Infinity;
  for (const ch of allowed) {
    const v = scores[MRZ_ALPHABET.indexOf(ch)] as number;
    if (v > bs) {
      bs = v;
      best = ch;
    }
  }
  return best;
}

interface Candidate {
  readonly read: MrzRead;
  /** Decoded under the layout from the model's steps (else: greedy text, the fallback path). */
  readonly constrained: boolean;
  /** Mean log-probability per character of the chosen text (fused over the readings). */
  readonly quality: number;
}

/**
 * The MRZ of one group of rows under one layout: constrained decoding of every reading, fusion
 * per position, fillers verified by their looks, check digits repaired by the model's evidence.
 */
function decodeGroup(
  readings: readonly (readonly RowReading[])[],
  layout: MrzLayout,
  box: MrzRead['box'],
): Candidate | null {
  const allowed = positionCharsets(layout);
  // Per row: each reading with its decoding (readings that fit no MRZ row dropped).
  const decoded: { reading: RowReading; read: ConstrainedRead }[][] = [];
  for (const [r, rowReadings] of readings.entries()) {
    const pairs = rowReadings.flatMap((reading) => {
      const read = decodeConstrained(reading.steps, allowed[r] as string[]);
      return read && read.logp / layout.length >= MIN_MEAN_LOGP ? [{ reading, read }] : [];
    });
    if (!pairs.length) return null;
    decoded.push(pairs);
  }
  // Mean log-probability per position and character over the readings of a row.
  const scores = decoded.map((pairs) =>
    fuse(pairs.map((p) => p.read)).map((s) => s.map((v) => v / pairs.length)),
  );
  const score = (r: number, j: number, ch: string): number =>
    ((scores[r] as Float32Array[])[j] as Float32Array)[MRZ_ALPHABET.indexOf(ch)] as number;
  const lines = scores.map((row, r) =>
    row.map((s, j) => argmax(s, (allowed[r] as string[])[j] as string)).join(''),
  );
  if (layoutFor(lines)?.format !== layout.format) return null;
  // Fillers by their looks, on the first reading's crop and alignment.
  const likeness = fillerLikeness(
    decoded.map((pairs, r) => {
      const { reading, read } = pairs[0] as { reading: RowReading; read: ConstrainedRead };
      const line = lines[r] as string;
      return {
        image: reading.crop,
        centres: read.centres,
        steps: reading.steps.steps,
        filler: [...line].map((ch, j) => ch === '<' && Math.exp(score(r, j, '<')) >= TEMPLATE_MIN_P),
        judge: [...line].map((ch, j) => ch !== '<' && ((allowed[r] as string[])[j] as string).includes('<')),
      };
    }),
  );
  const fixed = restoreFillers(lines, layout, allowed, likeness);
  const corrections = repairChecks(fixed, layout, allowed, scores);
  let total = 0;
  fixed.forEach((line, r) => {
    for (let j = 0; j < line.length; j++) total += score(r, j, line[j] as string);
  });
  return {
    read: finishRead(fixed, layout, corrections, box),
    constrained: true,
    quality: total / (fixed.length * layout.length),
  };
}

const layoutCache = new WeakMap<RowReading, MrzLayout[]>();

/** Layouts a group of rows may follow, from its first row decoded at each possible length. */
function candidateLayouts(first: RowReading, rows: number): MrzLayout[] {
  if (rows === 3) return [LAYOUTS.TD1];
  const cached = layoutCache.get(first);
  if (cached) return cached;
  const any = (len: number) => new Array<string>(len).fill(MRZ_ALPHABET);
  const out: { layout: MrzLayout; logp: number }[] = [];
  for (const len of [44, 36]) {
    const d = decodeConstrained(first.steps, any(len));
    const layout = d && layoutFor([d.text, '<'.repeat(len)]);
    if (d && layout) out.push({ layout, logp: d.logp });
  }
  out.sort((a, b) => b.logp - a.logp);
  // The other length only when the row fits it nearly as well (dev rows: a 44-character row
  // forced to 36 loses 11–27 nats, a 36-character row forced to 44 loses 45–50).
  const layouts = out
    .filter((o) => o.logp >= (out[0] as { logp: number }).logp - LAYOUT_MARGIN)
    .map((o) => o.layout);
  layoutCache.set(first, layouts);
  return layouts;
}

/** 'K' touching a filler, a lone character after fillers: usually misread chevrons; a soft tie-break. */
function fillerConfusions(r: MrzRead): number {
  let n = 0;
  for (const l of r.lines) {
    for (let i = 0; i < l.length; i++)
      if (l[i] === 'K' && ('<K'.includes(l[i - 1] ?? '-') || '<K'.includes(l[i + 1] ?? '-'))) n++;
    if (/<<<[A-Z0-9]<*$/.test(l)) n++;
  }
  return n;
}

/**
 * Rank of a read: check digits first; then the constrained path (its fillers were judged on the
 * glyphs, its names under the layout) over greedy text, which only gets the K-next-to-filler
 * plausibility; then the `mrz` package's verdict (state codes); then the model's evidence.
 */
const rank = (c: Candidate): number =>
  c.read.checks.filter((k) => k.valid).length / c.read.checks.length +
  (c.read.valid ? 1 : 0) +
  (c.constrained ? 0.2 + c.quality * 0.01 : -fillerConfusions(c.read) * 0.02) +
  (c.read.fields.mrzPackageValid ? 0.1 : 0) -
  c.read.corrections.length * 0.01;

function union(boxes: readonly Row['box'][]): Row['box'] {
  const x = Math.min(...boxes.map((b) => b.x)),
    y = Math.min(...boxes.map((b) => b.y));
  return {
    x,
    y,
    width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - y,
  };
}

/** The best of the greedy texts (and the first OCR pass) combined row by row: the fallback reading. */
function bestGreedy(texts: readonly string[][], box: MrzRead['box']): Candidate | null {
  let best: Candidate | null = null;
  const visit = (i: number, picked: string[]): void => {
    if (i === texts.length) {
      const read = readMrzLines(picked, box);
      const c = read && { read, constrained: false, quality: 0 };
      if (c && (!best || rank(c) > rank(best))) best = c;
      return;
    }
    for (const t of new Set(texts[i])) if (t.length >= 10) visit(i + 1, [...picked, t]);
  };
  visit(0, []);
  return best;
}

/**
 * MRZ from an image: find the MRZ-like rows in the whole-image OCR, re-read each row on its own
 * stretched crop and decode it under the layout (length, characters per position); more
 * stretches, fused, only when the check digits fail.
 */
export async function readMrz(
  image: RgbImage,
  ocr: OcrEngine,
  lines: readonly OcrLine[],
): Promise<MrzRead | null> {
  const found = mrzRows(lines).slice(-4);
  if (!found.length) return null;
  const filled = withMissingRows(found).slice(-4);
  // All MRZ rows share their left/right extent (ICAO 9303 fixed positions): crop over the union,
  // with about a glyph of margin so that the first and last characters are whole.
  const margin = Math.round(Math.max(...found.map((r) => r.box.height)) * ROW_MARGIN);
  const span: [number, number] = [
    Math.max(0, Math.floor(Math.min(...found.map((r) => r.box.x)) - margin)),
    Math.min(image.width, Math.ceil(Math.max(...found.map((r) => r.box.x + r.box.width)) + margin)),
  ];
  const cache = new Map<Row, Promise<RowReading>[]>();
  const reading = (row: Row, k: number): Promise<RowReading> => {
    const list = cache.get(row) ?? [];
    cache.set(row, list);
    list[k] ??= readRow(image, ocr, row, span, ROW_STRETCHES[k] as number);
    return list[k];
  };
  const top: { best: Candidate | null } = { best: null };
  const consider = (c: Candidate | null) => {
    if (c && (!top.best || rank(c) > rank(top.best))) top.best = c;
  };
  // Lines of 36/44 characters mean a 2-line MRZ; try the likelier count first, and the bottom
  // window before those above it (a stray fragment row may sit below the MRZ); with and without
  // the gap-filling rows.
  const order = Math.max(0, ...found.slice(-2).map((r) => r.text.length)) >= 34 ? [2, 3] : [3, 2];
  for (const n of order) {
    for (const rows of filled.length === found.length ? [found] : [found, filled]) {
      for (let end = rows.length; end >= n; end--) {
        const group = rows.slice(end - n, end);
        const box = union(
          group.map((r) => ({ x: span[0], y: r.box.y, width: span[1] - span[0], height: r.box.height })),
        );
        for (const k of ROW_STRETCHES.keys()) {
          // Stretch ×1.5 alone first; the others, fused with it, only when check digits fail.
          if (k > 0 && top.best?.constrained && top.best.read.valid) break;
          const readings = await Promise.all(
            group.map((r) => Promise.all(Array.from({ length: k + 1 }, (_, i) => reading(r, i)))),
          );
          // The likelier length only, unless the rows cannot be decoded under it: a row forced to
          // the wrong length can still meet a few check digits by chance.
          for (const layout of candidateLayouts((readings[0] as RowReading[])[0] as RowReading, n)) {
            const c = decodeGroup(readings, layout, box);
            consider(c);
            if (c) break;
          }
          consider(
            bestGreedy(
              readings.map((rs, i) => [
                ...rs.map((r) => greedyText(r.steps)),
                normalizeMrzText((group[i] as Row).text),
              ]),
              box,
            ),
          );
        }
        if (top.best?.read.valid) return top.best.read;
      }
    }
  }
  return top.best?.read ?? null;
}
