import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../ocr.js';
import { decodeNik, parseIndonesia, provinceMatches } from './indonesia.js';

const line = (text: string, y: number, x = 10): OcrLine => ({
  text,
  confidence: 0.9,
  box: { x, y, width: 600, height: 30 },
});
const NOW = new Date('2026-01-01');
const KTP = (nik: string, ttl = 'JAKARTA, 17-08-1990', sex = 'LAKI-LAKI') => [
  line('PROVINSI DKI JAKARTA', 10),
  line('KOTA JAKARTA SELATAN', 45),
  line(`NIK : ${nik}`, 90),
  line('Nama : BUDI SANTOSO', 130),
  line(`Tempat/Tgl Lahir : ${ttl}`, 170),
  line(`Jenis Kelamin : ${sex} Gol. Darah : O`, 210),
  line('Alamat : JL. MERDEKA NO. 10', 250),
  line('RT/RW : 001/002', 290),
  line('Kel/Desa : MENTENG', 330),
  line('Kecamatan : MENTENG', 370),
  line('Agama : ISLAM', 410),
  line('Status Perkawinan : KAWIN', 450),
  line('Pekerjaan : KARYAWAN SWASTA', 490),
  line('Kewarganegaraan : WNI', 530),
  line('Berlaku Hingga : SEUMUR HIDUP', 570),
  line('JAKARTA SELATAN', 600, 700),
  line('17-08-2012', 630, 700),
];

describe('Indonesia KTP', () => {
  it('decodes the NIK: province, birth date, women’s day + 40', () => {
    expect(decodeNik('3174051708900001', NOW)).toEqual({
      province: '31',
      birth: { y: 1990, m: 8, d: 17 },
      female: false,
    });
    expect(decodeNik('3174055708900001', NOW)?.female).toBe(true);
    expect(decodeNik('3174055708900001', NOW)?.birth).toEqual({ y: 1990, m: 8, d: 17 });
    expect(decodeNik('2074051708900001', NOW)).toBeNull(); // 20: no such province
    expect(decodeNik('3174053208900001', NOW)).toBeNull(); // day 32 (a man) is no date
    expect(provinceMatches('31', 'DKI JAKARTA')).toBe(true);
    expect(provinceMatches('34', 'DI YOGYAKARTA')).toBe(true);
    expect(provinceMatches('32', 'DKI JAKARTA')).toBe(false);
  });

  it('parses every struct field and validates the NIK against birth date, sex and province', () => {
    const p = parseIndonesia({ lines: KTP('3174051708900001'), mrz: null }, NOW);
    expect(p.fields).toEqual({
      NIK: '3174051708900001',
      Nama: 'BUDI SANTOSO',
      TempatTglLahir: 'JAKARTA, 17-08-1990',
      JenisKelamin: 'LAKI-LAKI',
      GolDarah: 'O',
      Alamat: 'JL. MERDEKA NO. 10',
      RTRW: '001/002',
      KelDesa: 'MENTENG',
      Kecamatan: 'MENTENG',
      Agama: 'ISLAM',
      StatusPerkawinan: 'KAWIN',
      Perkerjaan: 'KARYAWAN SWASTA',
      KewargaNegaraan: 'WNI',
      BerlakuHingga: 'SEUMUR HIDUP',
      IssuedDate: '17-08-2012',
      Provinsi: 'DKI JAKARTA',
      Kota: 'JAKARTA SELATAN',
    });
    expect(p.evidence.NIK?.valid).toBe(true);
    expect(p.evidence.TempatTglLahir?.valid).toBe(true);
    expect(p.evidence.JenisKelamin?.valid).toBe(true);
    expect(p.evidence.Provinsi?.valid).toBe(true);
  });

  it('undoes O/0 and I/1 confusions in the NIK', () => {
    const p = parseIndonesia({ lines: KTP('3174O5I7O89OOOO1'), mrz: null }, NOW);
    expect(p.fields.NIK).toBe('3174051708900001');
    expect(p.evidence.NIK?.valid).toBe(true);
  });

  it('flags a NIK whose birth date, sex or province disagrees with the card', () => {
    const date = parseIndonesia({ lines: KTP('3174051808900001'), mrz: null }, NOW);
    expect(date.evidence.NIK?.valid).toBe(false);
    expect(date.evidence.TempatTglLahir?.valid).toBe(false);
    // A woman's NIK (day 57 = 17 + 40) on a card that says LAKI-LAKI.
    const sex = parseIndonesia({ lines: KTP('3174055708900001'), mrz: null }, NOW);
    expect(sex.evidence.NIK?.valid).toBe(false);
    expect(sex.evidence.JenisKelamin?.valid).toBe(false);
    const woman = parseIndonesia({ lines: KTP('3174055708900001', undefined, 'PEREMPUAN'), mrz: null }, NOW);
    expect(woman.evidence.NIK?.valid).toBe(true);
    const province = parseIndonesia({ lines: KTP('3274051708900001'), mrz: null }, NOW);
    expect(province.evidence.NIK?.valid).toBe(false);
    expect(province.evidence.Provinsi?.valid).toBe(false);
  });

  it('reads values the detector split off into their own box on the same row', () => {
    const lines = [
      line('NIK', 90, 10),
      line('3174051708900001', 92, 300),
      line('Nama', 130, 10),
      line('BUDI', 131, 300),
    ];
    const p = parseIndonesia({ lines, mrz: null }, NOW);
    expect(p.fields.NIK).toBe('3174051708900001');
    expect(p.fields.Nama).toBe('BUDI');
  });
});
