import fs from 'node:fs/promises';
import path from 'node:path';
import type { EvalSection } from '../eval/eval-section.js';
import { analyzeDocument } from './analyze-document.js';
import { sharedOcr } from './ocr.js';

interface TruthRow {
  path: string;
  type: string;
  mrz: string[] | null;
}

const p50 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.floor((s.length - 1) / 2)] as number) : 0;
};

/**
 * `documents` block (INTERFACES.md §4): with_mrz, mrz_found (an MRZ of the right line count
 * read), mrz_exact (every line equal to the truth after check-digit correction), per file.
 */
export const documentsSection: EvalSection = async (ctx) => {
  const truthFile = path.join(ctx.dataDir, 'documents', 'ground_truth.jsonl');
  const text = await fs.readFile(truthFile, 'utf8').catch(() => null);
  if (text === null) return null;
  const rows = text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TruthRow);
  if (!rows.length) return null;
  const read = (row: TruthRow) => fs.readFile(path.join(ctx.dataDir, row.path)).catch(() => null);
  const ocr = await sharedOcr();
  const warm = await read(rows[0] as TruthRow);
  if (warm) await analyzeDocument(warm, { deps: { ocr } }); // warm-up, not timed
  const files: Record<string, unknown>[] = [];
  const ocrMs: number[] = [];
  let withMrz = 0,
    found = 0,
    exact = 0,
    falseMrz = 0;
  for (const row of rows) {
    const bytes = await read(row);
    if (!bytes) {
      if (row.mrz) withMrz++;
      files.push({ path: row.path, type: row.type, error: 'cannot read file' });
      ctx.log(`documents: ${row.path} cannot be read`);
      continue;
    }
    const result = await analyzeDocument(bytes, { deps: { ocr } });
    ocrMs.push(result.timingsMs.total);
    const got = result.mrz?.lines ?? null;
    const isFound = row.mrz !== null && got !== null && got.length === row.mrz.length;
    const isExact = isFound && got.every((l, i) => l === row.mrz?.[i]);
    if (row.mrz) withMrz++;
    if (isFound) found++;
    if (isExact) exact++;
    if (!row.mrz && got) falseMrz++;
    files.push({
      path: row.path,
      type: row.type,
      mrz_expected: row.mrz,
      mrz_read: got,
      found: isFound,
      exact: isExact,
      check_digits_valid: result.mrz?.valid ?? null,
      corrections: result.mrz?.corrections.length ?? 0,
      warnings: result.warnings.map((w) => w.code),
      ms: Math.round(result.timingsMs.total),
    });
    ctx.log(
      `documents: ${row.path} ${isExact ? 'exact' : isFound ? 'found' : row.mrz ? 'missed' : got ? 'false MRZ' : 'no MRZ (ok)'}`,
    );
  }
  const ocrP50 = p50(ocrMs);
  return {
    report: {
      with_mrz: withMrz,
      mrz_found: found,
      mrz_exact: exact,
      false_mrz: falseMrz,
      documents: rows.length,
      files,
    },
    latency: { ocr_p50: ocrP50 },
    summary: [
      `documents: ${rows.length} specimens, ${withMrz} with an MRZ: found ${found}, exact ${exact} (after check-digit correction); ${falseMrz} MRZ read where none exists`,
      `  document analysis p50 ${ocrP50} ms per image (decode + card + OCR + MRZ + warnings, warm, this machine)`,
    ],
  };
};
