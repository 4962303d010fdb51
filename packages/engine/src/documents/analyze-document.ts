import sharp from 'sharp';
import type { Finding } from '@open-ekyc/contract';
import { decodeImage } from '../decode/decode-image.js';
import { encodeJpeg } from '../liveness/best-frame-jpeg.js';
import type { FaceAnalyzer, RgbImage } from '../types.js';
import { detectCard, rectify, touchesBorder, worthRectifying, type CardQuad } from './card-detect.js';
import { readMrz, type MrzRead } from './mrz.js';
import { crop, sharedOcr, type OcrEngine, type OcrLine } from './ocr.js';
import { PARSERS, guessType, type DocumentType, type ParsedDocument } from './parsers/index.js';
import { detectWarnings, type DocumentWarning } from './warnings/detectors.js';

export interface AnalyzeDocumentOptions {
  /** Spec document type (§8 struct name); guessed from the content when absent. */
  readonly type?: DocumentType;
  readonly deps?: {
    readonly ocr?: OcrEngine;
    /** For the portrait; without it no portrait is extracted. */
    readonly analyzer?: FaceAnalyzer;
  };
}

export interface DocumentAnalysis {
  readonly ok: boolean;
  /** Decode failure, when not ok. */
  readonly findings: Finding[];
  readonly type: DocumentType | null;
  readonly parsed: ParsedDocument | null;
  readonly mrz: MrzRead | null;
  readonly lines: OcrLine[];
  readonly card: {
    readonly found: boolean;
    readonly rectified: boolean;
    readonly corners: CardQuad['corners'] | null;
    readonly width: number;
    readonly height: number;
  };
  readonly warnings: DocumentWarning[];
  readonly warningScores: Record<string, number>;
  /** Largest face on the card, as JPEG, box in rectified-card pixels. */
  readonly portrait: {
    readonly box: { x: number; y: number; width: number; height: number };
    readonly jpeg: Uint8Array;
  } | null;
  /** The card alone (rectified when seen in perspective) as JPEG; null when no card was found (spec OCRResult.CardCutImageBase64). */
  readonly cutJpeg: Uint8Array | null;
  readonly timingsMs: {
    readonly decode: number;
    readonly card: number;
    readonly ocr: number;
    readonly total: number;
  };
}

/** OCR works on at most this long side: the det model runs at ≤960 and rec crops come from here. */
const DOCUMENT_MAX_SIDE = 1600;
/**
 * Cards smaller than this (long side) are upscaled before OCR: on small specimens the det model
 * merges adjacent MRZ rows and rec sees 8–10 px glyphs.
 */
const OCR_MIN_SIDE = 1000;
/** Portrait crop margin around the face box, share of the box size (ICAO portraits show shoulders). */
const PORTRAIT_MARGIN = 0.35;

export async function analyzeDocument(
  bytes: Uint8Array,
  options: AnalyzeDocumentOptions = {},
): Promise<DocumentAnalysis> {
  const t0 = performance.now();
  const decoded = await decodeImage(bytes, { workingMaxSide: DOCUMENT_MAX_SIDE });
  const tDecode = performance.now();
  if (!decoded.ok) {
    return {
      ok: false,
      findings: [decoded.finding],
      type: null,
      parsed: null,
      mrz: null,
      lines: [],
      warnings: [],
      warningScores: {},
      portrait: null,
      cutJpeg: null,
      card: { found: false, rectified: false, corners: null, width: 0, height: 0 },
      timingsMs: { decode: tDecode - t0, card: 0, ocr: 0, total: tDecode - t0 },
    };
  }
  const image = decoded.image;
  const quad = detectCard(image);
  const rectified = quad && worthRectifying(quad, image.width, image.height) ? rectify(image, quad) : null;
  const card = rectified ?? image;
  const tCard = performance.now();
  const ocr = options.deps?.ocr ?? (await sharedOcr());
  const ocrImage = await upscaleSmall(card);
  const lines = await ocr.recognize(ocrImage);
  const mrz = await readMrz(ocrImage, ocr, lines);
  const tOcr = performance.now();
  const input = { lines, mrz };
  const type = options.type ?? guessType(input);
  const parsed = type ? PARSERS[type](input) : null;
  const { warnings, scores } = detectWarnings(card, {
    found: quad !== null,
    touches: quad ? touchesBorder(quad, image.width, image.height) : true,
  });
  const portrait = options.deps?.analyzer ? await extractPortrait(card, options.deps.analyzer) : null;
  return {
    ok: true,
    findings: [],
    type,
    parsed,
    mrz,
    lines,
    warnings,
    warningScores: scores,
    portrait,
    cutJpeg: quad ? await encodeJpeg(card, 90) : null,
    card: {
      found: quad !== null,
      rectified: rectified !== null,
      corners: quad?.corners ?? null,
      width: card.width,
      height: card.height,
    },
    timingsMs: {
      decode: tDecode - t0,
      card: tCard - tDecode,
      ocr: tOcr - tCard,
      total: performance.now() - t0,
    },
  };
}

async function upscaleSmall(image: RgbImage): Promise<RgbImage> {
  const k = OCR_MIN_SIDE / Math.max(image.width, image.height);
  if (k <= 1) return image;
  const width = Math.round(image.width * k),
    height = Math.round(image.height * k);
  const buf = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return { width, height, data: new Uint8Array(buf.buffer, buf.byteOffset, buf.length) };
}

async function extractPortrait(
  card: RgbImage,
  analyzer: FaceAnalyzer,
): Promise<DocumentAnalysis['portrait']> {
  const faces = await analyzer.detectFaces(card, { iris: false, passiveScores: false });
  const face = [...faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
  if (!face) return null;
  const mx = face.box.width * PORTRAIT_MARGIN,
    my = face.box.height * PORTRAIT_MARGIN;
  const x = Math.max(0, Math.floor(face.box.x - mx)),
    y = Math.max(0, Math.floor(face.box.y - my));
  const w = Math.min(card.width - x, Math.ceil(face.box.width + 2 * mx)),
    h = Math.min(card.height - y, Math.ceil(face.box.height + 2 * my));
  if (w < 8 || h < 8) return null;
  const c = crop(card, x, y, w, h);
  const jpeg = await sharp(c.data, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return {
    box: { x, y, width: w, height: h },
    jpeg: new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.length),
  };
}
