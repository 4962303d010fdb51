import { captureErrors } from '../web-flow/capture-errors.js';
import { CARD_RULES } from './card-rules.js';
import type { DocumentSettings } from './document-settings.js';
import type { DocumentReadRecord, EditRecord } from './document-types.js';

/**
 * The user's corrections to a read (spec §8 EditDetail): only when the flow allows them
 * (ApplySdkVerificationToken.DisableChangeOcrResult false; always on the web page), only fields of
 * the read's struct (and of the shown ones when CardOcrDisplayFields narrowed them), values
 * trimmed; a required field may not be emptied. The page may send the whole form: only real
 * changes are recorded.
 */
export function editsOf(
  doc: DocumentSettings,
  read: DocumentReadRecord,
  input: Readonly<Record<string, string>> | undefined,
): EditRecord[] {
  const entries = Object.entries(input ?? {});
  const edits: EditRecord[] = [];
  for (const [field, value] of entries) {
    if (!Object.hasOwn(read.fields, field))
      throw captureErrors.editRefused(`${field} is not a field of ${read.cardType}`);
    const original = read.fields[field] ?? null;
    const revised = value.trim();
    if (revised === (original ?? '')) continue;
    if (!doc.allowEdit) throw captureErrors.editRefused('this verification does not allow corrections');
    if (doc.displayFields.length > 0 && !doc.displayFields.includes(field))
      throw captureErrors.editRefused(`${field} is not shown, so it cannot be corrected`);
    if (revised === '' && CARD_RULES[doc.cardType].required.includes(field))
      throw captureErrors.editRefused(`${field} cannot be empty`);
    edits.push({ FieldName: field, OriginalFieldValue: original, RevisedFieldValue: revised });
  }
  return edits;
}
