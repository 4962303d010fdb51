import type { StoredFile } from '../web-flow/web-flow-service.js';
import type { DocumentOutcome, DocumentReadRecord } from './document-types.js';

/**
 * The session's reads as the result actions report them (one OCR process each, in order): every
 * front read, with the back read taken after it and before the next front (the last passed one,
 * else the last one). A back photographed before any front belongs to no process and is left out.
 * `fields` are the front's with the user's corrections applied.
 */
export async function documentOutcomes(
  reads: readonly DocumentReadRecord[],
  file: (mediaId: string | null) => Promise<StoredFile | null>,
): Promise<DocumentOutcome[]> {
  const groups: { front: DocumentReadRecord; backs: DocumentReadRecord[] }[] = [];
  for (const read of reads) {
    if (read.side === 'front') groups.push({ front: read, backs: [] });
    else groups.at(-1)?.backs.push(read);
  }
  const outcomes: DocumentOutcome[] = [];
  for (const { front, backs } of groups) {
    const back = [...backs].reverse().find((b) => b.state === 'passed') ?? backs.at(-1) ?? null;
    const fields: Record<string, string | null> = { ...front.fields };
    for (const edit of front.edits ?? []) fields[edit.FieldName] = edit.RevisedFieldValue;
    outcomes.push({
      front,
      back,
      image: await file(front.imageMediaId),
      cut: await file(front.cutMediaId),
      portrait: await file(front.portraitMediaId),
      backImage: await file(back?.imageMediaId ?? null),
      backCut: await file(back?.cutMediaId ?? null),
      fields,
      confirmed: front.confirmedAt !== null,
    });
  }
  return outcomes;
}
