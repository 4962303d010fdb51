import type { OcrLine } from '../ocr.js';
import {
  fieldSet,
  fitTemplate,
  label,
  labelled,
  parseDate,
  sameDate,
  type StructField,
  type Ymd,
} from './fields.js';
import { INDONESIA_PROVINCES } from './indonesia-provinces.js';
import { findLine, isRealDate, type ParseInput, type ParsedDocument } from './types.js';

export interface NikInfo {
  readonly province: string;
  readonly birth: Ymd;
  readonly female: boolean;
}

/**
 * NIK (Nomor Induk Kependudukan, 16 digits): PP KK CC DDMMYY SSSS — province, regency, district
 * codes, birth date (day + 40 for women) and a serial (Dukcapil; UU 24/2013). There is no check
 * digit: valid means a known province code and a real birth date. The century is the one that
 * puts the birth date in the past.
 */
export function decodeNik(nik: string, now = new Date()): NikInfo | null {
  if (!/^\d{16}$/.test(nik)) return null;
  const province = nik.slice(0, 2);
  if (!INDONESIA_PROVINCES[province]) return null;
  const dd = Number(nik.slice(6, 8)),
    mm = Number(nik.slice(8, 10)),
    yy = Number(nik.slice(10, 12));
  const female = dd > 40;
  const day = female ? dd - 40 : dd;
  const year = (yy > now.getUTCFullYear() % 100 ? 1900 : 2000) + yy;
  if (!isRealDate(year, mm, day)) return null;
  return { province, birth: { y: year, m: mm, d: day }, female };
}

/** Printed "PROVINSI …" name vs. the NIK's province code (letters only; "DI YOGYAKARTA" is 34 too). */
export function provinceMatches(code: string, printed: string): boolean {
  const norm = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, '');
  const name = INDONESIA_PROVINCES[code];
  return !!name && (norm(printed) === norm(name) || (code === '34' && norm(printed) === 'DIYOGYAKARTA'));
}

const NIK_RUN = /[0-9OIlSBZG|]{16}/;

/** IndonesiaIDCard (spec §8; field names as the struct spells them, incl. "Perkerjaan"). */
export function parseIndonesia({ lines }: ParseInput, now = new Date()): ParsedDocument {
  const { fields, evidence, put } = fieldSet('IndonesiaIDCard');
  const value = (label: RegExp, stop?: RegExp) => {
    const hit = labelled(lines, label, { below: false });
    return hit ? { ...hit, value: stop ? (hit.value.split(stop)[0] ?? '').trim() : hit.value } : null;
  };
  const province = value(label('PROVINSI'));
  const kota = value(label('KOTA', 'KABUPATEN'));
  const nikHit = value(label('NIK'));
  const nikRaw = nikHit?.value.replace(/\s/g, '').match(NIK_RUN)?.[0] ?? null;
  const anyNik = nikRaw ? null : findLine(lines, /(?<![0-9])[0-9OIlSBZG|]{16}(?![0-9])/);
  const nik = fitTemplate(nikRaw ?? anyNik?.match[0] ?? '', '9'.repeat(16));
  const nikConf = nikHit?.confidence ?? anyNik?.line.confidence ?? 0;
  const info = nik ? decodeNik(nik, now) : null;

  const ttl = value(label('Tempat/Tgl. Lahir', 'Tempat Tgl Lahir'));
  const ttlDate = ttl ? parseDate(ttl.value) : null;
  const sex = value(label('Jenis Kelamin'), /\s+G\s?o\s?l/i);
  const female = sex
    ? /PEREMPUAN|WANITA/i.test(sex.value)
      ? true
      : /LAKI/i.test(sex.value)
        ? false
        : null
    : null;
  const dateOk = !info || !ttl || sameDate(info.birth, ttlDate);
  const sexOk = !info || female === null || female === info.female;
  const provOk = !info || !province || provinceMatches(info.province, province.value);
  if (nik) put('NIK', nik, nikConf, !!info && dateOk && sexOk && provOk);
  if (ttl) put('TempatTglLahir', ttl.value, ttl.confidence, !!ttlDate && (!info || dateOk));
  if (sex) put('JenisKelamin', sex.value, sex.confidence, female !== null && sexOk);
  if (province) {
    const printed = province.value;
    const known = Object.keys(INDONESIA_PROVINCES).some((c) => provinceMatches(c, printed));
    put('Provinsi', printed, province.confidence, info ? provOk : known);
  }
  if (kota) put('Kota', kota.value, kota.confidence);

  const plain: [StructField<'IndonesiaIDCard'>, RegExp][] = [
    ['Nama', label('Nama')],
    ['GolDarah', label('Gol. Darah')],
    ['Alamat', label('Alamat')],
    ['RTRW', label('RT/RW')],
    ['KelDesa', label('Kel/Desa')],
    ['Kecamatan', label('Kecamatan')],
    ['Agama', label('Agama')],
    ['StatusPerkawinan', label('Status Perkawinan')],
    ['Perkerjaan', label('Pekerjaan', 'Perkerjaan')],
    ['KewargaNegaraan', label('Kewarganegaraan')],
    ['BerlakuHingga', label('Berlaku Hingga')],
  ];
  for (const [key, label] of plain) {
    const hit = value(label);
    if (hit) put(key, hit.value, hit.confidence);
  }
  if (fields.RTRW)
    evidence.RTRW = {
      confidence: evidence.RTRW?.confidence ?? 0,
      valid: /^\d{3}\s?\/\s?\d{3}$/.test(fields.RTRW),
    };
  const issued = issueDate(lines, [ttl?.line, value(label('Berlaku Hingga'))?.line]);
  if (issued) put('IssuedDate', issued.text.trim(), issued.confidence, parseDate(issued.text) !== null);
  return { type: 'IndonesiaIDCard', fields, evidence };
}

/** The issue date is printed alone under the photo (after the city name): a date-only line. */
function issueDate(lines: readonly OcrLine[], skip: readonly (OcrLine | undefined)[]): OcrLine | null {
  return (
    lines.filter((l) => !skip.includes(l) && /^\s*\d{2}[-.]\d{2}[-.]\d{4}\s*$/.test(l.text)).slice(-1)[0] ??
    null
  );
}
