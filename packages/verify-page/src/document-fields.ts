import type { DocumentRead } from '@open-ekyc/contract';
import type { I18n, MessageKey } from './i18n.js';

/** Warning codes the page has a sentence for (contract DOCUMENT_WARNING_CODES). */
const KNOWN_WARNINGS = new Set([-9101, -9102, -9103, -9104, -9107, -9108, -9901]);
/** DocumentRead codes with their own message (contract DOCUMENT_READ_CODES, except PASSED). */
const READ_CODES = new Set(['OCR_FAILED', 'OCR_WARNING', 'DOCUMENT_EXPIRED', 'NO_PORTRAIT', 'IMAGE_INVALID']);

/**
 * A spec §8 struct field name as a label: `DateOfExpiration` → "Date of expiration",
 * `CHNName` → "CHN name", `LicenseNumber` → "License number". Acronyms stay upper case.
 */
export function readableFieldName(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|\s+/)
    .filter(Boolean);
  return words
    .map((w, i) => {
      if (/^[A-Z0-9]{2,}$/.test(w)) return w;
      const lower = w.toLowerCase();
      return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

/** The fields to show, in the struct's order: all, or only `displayFields` when it names any. */
export function shownFields(
  fields: DocumentRead['fields'],
  displayFields: readonly string[],
): [name: string, value: string | null][] {
  const all = Object.entries(fields);
  return displayFields.length === 0 ? all : all.filter(([k]) => displayFields.includes(k));
}

/** The user's corrections: only fields whose value changed (trimmed; a field left empty stays unread). */
export function changedFields(
  original: DocumentRead['fields'],
  edited: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, raw] of Object.entries(edited)) {
    if (!(k in original)) continue;
    const v = raw.trim();
    if (v !== (original[k] ?? '') && !(v === '' && original[k] === null)) out[k] = v;
  }
  return out;
}

/** The user-facing name of the expected document, e.g. "passport". */
export function documentName(i: I18n, cardType: string): string {
  const key = `card.${cardType}`;
  return key in i.messages ? i.t(key as MessageKey) : i.t('card.other');
}

/**
 * Why a read failed, for the user: the code's message, plus one line per warning for OCR_WARNING
 * (contract DOCUMENT_READ_CODES; warnings are spec §8 codes -9101 …). Also for a failed call
 * (a client or catalog code, e.g. AUTH_NETWORK_ERROR_502, "16").
 */
export function readFailureText(
  i: I18n,
  read: Pick<DocumentRead, 'code' | 'message' | 'warnings'>,
  cardType: string,
): { message: string; warnings: string[] } {
  const document = documentName(i, cardType);
  const message = READ_CODES.has(read.code)
    ? i.t(`doc.error.${read.code}` as MessageKey, { document })
    : (i.code(read.code) ?? i.code(read.code.replace(/_\d+$/, '')) ?? read.message);
  const warnings =
    read.code === 'OCR_WARNING'
      ? read.warnings.map((w) =>
          KNOWN_WARNINGS.has(w) ? i.t(`doc.warning.${w}` as MessageKey) : i.t('doc.warning.-9901'),
        )
      : [];
  return { message, warnings: [...new Set(warnings)] };
}
