import type { OcrLine } from './ocr.js';

/** Finding the MRZ rows among OCR lines (mrz.ts re-reads and parses them). */

/** OCR confusions with '<' (PaddleOCR and Tesseract read the chevron as these; ml-stack-probe §5). */
const FILLER_LOOKALIKES = /[«‹<≤〈く〔（(]/g;

export function normalizeMrzText(text: string): string {
  return text
    .toUpperCase()
    .replace(FILLER_LOOKALIKES, '<')
    .replace(/\s+/g, '')
    .replace(/[^A-Z0-9<]/g, '');
}

/** An OCR line that looks like part of an MRZ: its charset, and fillers or a long run. */
export function isMrzLike(text: string): boolean {
  const raw = text.replace(/\s+/g, '');
  const norm = normalizeMrzText(text);
  // Every MRZ line has a filler somewhere in practice (ICAO pads every field); plain upper-case
  // address lines of 20+ characters do not.
  const digits = (norm.match(/[0-9]/g) ?? []).length;
  return (
    raw.length >= 5 &&
    norm.length / raw.length > 0.85 &&
    (norm.includes('<') || (norm.length >= 28 && digits / norm.length > 0.3))
  );
}

export interface Row {
  text: string;
  box: { x: number; y: number; width: number; height: number };
}

/** MRZ-like OCR fragments grouped into rows (same vertical centre), joined left to right. */
export function mrzRows(lines: readonly OcrLine[]): Row[] {
  const rows: { parts: OcrLine[] }[] = [];
  for (const line of lines.filter(
    (l) => isMrzLike(l.text) || (normalizeMrzText(l.text).length >= 1 && /^[<«]+$/.test(l.text.trim())),
  )) {
    const cy = line.box.y + line.box.height / 2;
    const row = rows.find((r) =>
      r.parts.some(
        (p) => Math.abs(p.box.y + p.box.height / 2 - cy) < Math.min(p.box.height, line.box.height) * 0.6,
      ),
    );
    if (row) row.parts.push(line);
    else rows.push({ parts: [line] });
  }
  return (
    rows
      .map(({ parts }) => {
        parts.sort((a, b) => a.box.x - b.box.x);
        const x = Math.min(...parts.map((p) => p.box.x)),
          y = Math.min(...parts.map((p) => p.box.y));
        const x1 = Math.max(...parts.map((p) => p.box.x + p.box.width)),
          y1 = Math.max(...parts.map((p) => p.box.y + p.box.height));
        return {
          text: parts.map((p) => normalizeMrzText(p.text)).join(''),
          box: { x, y, width: x1 - x, height: y1 - y },
        };
      })
      // A short fragment with a filler still marks a row ("P<QAT" when det merged the rest of
      // the line with a signature): rows are re-read over the full MRZ width anyway.
      .filter((r) => r.text.length >= 20 || r.text.includes('<'))
      .sort((a, b) => a.box.y - b.box.y)
  );
}

/**
 * A row det read as something non-MRZ (or merged with a neighbour) leaves a gap of about two
 * line pitches between MRZ rows; add an empty row there for the re-read to fill. MRZ line pitch
 * is 1.4–1.7 box heights on the dev specimens, so a gap of 1.9–3 heights is one missing row.
 */
export function withMissingRows(rows: readonly Row[]): Row[] {
  const out: Row[] = [];
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    if (prev) {
      const h = Math.max(prev.box.height, r.box.height),
        dy = r.box.y + r.box.height / 2 - (prev.box.y + prev.box.height / 2);
      if (dy > 1.9 * h && dy < 3 * h)
        out.push({
          text: '',
          box: {
            x: Math.min(prev.box.x, r.box.x),
            y: prev.box.y + dy / 2,
            width: Math.max(prev.box.width, r.box.width),
            height: h,
          },
        });
    }
    out.push(r);
  });
  return out;
}
