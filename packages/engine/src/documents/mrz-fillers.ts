import { looksLikeFiller, resemblesFiller, type FillerLikeness } from './mrz-glyphs.js';
import type { MrzLayout } from './mrz-layout.js';

/**
 * Putting back the fillers PP-OCRv4 reads as letters (K above all; ml-stack-probe §5), which no
 * check digit catches ('K' is worth 20, a multiple of 10 at every weight; names are not covered).
 * Three kinds of evidence, strongest first:
 * - the cell looks like the MRZ's own fillers and has a chevron's outline (mrz-glyphs.ts);
 * - a run of three or more Ks: no name or number has one;
 * - 9303 name grammar (part 4 §4.6): PRIMARY<<SECONDARY<COMPONENTS, then only fillers; a
 *   letter after the second '<<' is a misread filler when its cell resembles one (or no
 *   template exists to say otherwise).
 */
export function restoreFillers(
  lines: readonly string[],
  layout: MrzLayout,
  allowed: readonly (readonly string[])[],
  likeness: FillerLikeness | null,
): string[] {
  const out = lines.map((line, r) =>
    [...line]
      .map((ch, j) =>
        ch !== '<' && (allowed[r]?.[j] ?? '').includes('<') && likeness && looksLikeFiller(likeness, r, j)
          ? '<'
          : ch,
      )
      .join('')
      .replace(/K{3,}/g, (m) => '<'.repeat(m.length)),
  );
  // The French ID separates given names with '<<' (not 9303 grammar).
  if (layout.format === 'FRENCH_NATIONAL_ID') return out;
  for (const [l, s, e] of layout.names) {
    const line = out[l] as string;
    const first = line.indexOf('<<', s);
    const second = first < 0 ? -1 : line.indexOf('<<', first + 2);
    if (second < 0 || second >= e) continue;
    const chars = [...line];
    for (let j = second; j < e; j++)
      if (chars[j] !== '<' && (!likeness || resemblesFiller(likeness, l, j))) chars[j] = '<';
    out[l] = chars.join('');
  }
  return out;
}
