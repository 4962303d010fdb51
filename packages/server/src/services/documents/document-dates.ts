const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function utc(year: number, month: number, day: number): Date | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : null;
}

/**
 * The last date written in a document field, in any of the forms the parsers emit: ISO
 * "2030-04-15" (MRZ), "15-04-2030" / "15/04/2030" (HKID, Singapore), "15 Apr. 2030" (Thailand),
 * "2020.01.01-2030.01.01" (a validity range: its end). Null when there is none ("SEUMUR HIDUP",
 * lifetime validity, or an unreadable value).
 */
export function lastDateIn(text: string | null | undefined): Date | null {
  if (!text) return null;
  const found: { at: number; date: Date }[] = [];
  for (const m of text.matchAll(/(\d{4})[-./](\d{1,2})[-./](\d{1,2})/g)) {
    const d = utc(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) found.push({ at: m.index ?? 0, date: d });
  }
  for (const m of text.matchAll(/(?<!\d)(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?!\d)/g)) {
    const d = utc(Number(m[3]), Number(m[2]), Number(m[1]));
    if (d) found.push({ at: m.index ?? 0, date: d });
  }
  for (const m of text.toUpperCase().matchAll(/(\d{1,2})\s*([A-Z]{3})[A-Z]*\.?\s*(\d{4})/g)) {
    const month = MONTHS.indexOf(m[2] as string) + 1;
    const d = month ? utc(Number(m[3]), month, Number(m[1])) : null;
    if (d) found.push({ at: m.index ?? 0, date: d });
  }
  found.sort((a, b) => a.at - b.at);
  return found.at(-1)?.date ?? null;
}

/** Expired when the document's last valid day ended before `at` (UTC day granularity). */
export function isExpired(value: string | null | undefined, at: Date): boolean {
  const end = lastDateIn(value);
  return end !== null && end.getTime() + 86_400_000 <= at.getTime();
}
