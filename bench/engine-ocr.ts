/**
 * Document OCR benchmark: one generated passport card (1400×1000 photo of a 1000×630 card on a
 * desk, MRZ in OCR-B), warm, in one process, ORT with 1 intra-op thread (ml-stack-probe §6).
 *
 *   node --import tsx bench/engine-ocr.ts [--runs 20]
 *
 * Times are per analyzeDocument call: decode + card detection + rectification + OCR (det + rec
 * of every line) + MRZ re-read + parse + warnings; the "ocr" column is the OCR + MRZ part. The
 * machine has 2 cores shared with other work: compare only runs taken under the same load (the
 * load average is printed).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { analyzeDocument } from '../packages/engine/src/documents/analyze-document.js';
import { sharedOcr } from '../packages/engine/src/documents/ocr.js';
import {
  DESK_TILT,
  SPECIMEN_TD3,
  hasOcrB,
  renderSpecimenPassport,
  toJpeg,
} from '../packages/engine/src/documents/test-cards.fixture.js';
import { percentile } from '../packages/engine/src/eval/metrics.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Math.max(5, Number(values.runs));
if (!hasOcrB()) console.warn('OCR-B font missing (fonts-ocr-b): the MRZ renders in a fallback font');

const photo = await toJpeg(await renderSpecimenPassport({ corners: DESK_TILT }));
const ocr = await sharedOcr();
for (let i = 0; i < 3; i++) await analyzeDocument(photo, { deps: { ocr } });

const total: number[] = [],
  ocrOnly: number[] = [];
let exact = 0;
for (let i = 0; i < runs; i++) {
  const r = await analyzeDocument(photo, { deps: { ocr } });
  total.push(r.timingsMs.total);
  ocrOnly.push(r.timingsMs.ocr);
  if (r.mrz?.lines.join('\n') === SPECIMEN_TD3.join('\n')) exact++;
}
const ms = (xs: number[], p: number) => Math.round(percentile(xs, p));
console.log(
  JSON.stringify({
    runs,
    load_average_1m: Number(os.loadavg()[0]?.toFixed(2)),
    mrz_exact_runs: exact,
    card_p50_ms: ms(total, 50),
    card_p95_ms: ms(total, 95),
    ocr_p50_ms: ms(ocrOnly, 50),
  }),
);
