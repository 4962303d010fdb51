import { ApiError } from '@open-ekyc/contract';
import { DOCUMENT_TYPES, type DocumentAnalysis, type DocumentType } from '@open-ekyc/engine';
import type { MediaStore } from '../../blobs/media-store.js';
import type { EngineJobs } from '../../jobs/engine-jobs.js';
import { captureErrors } from '../web-flow/capture-errors.js';

/** The engine's parser for a spec §8 CardInfo key, when it has one (checked at run time: the engine grows). */
export function engineTypeOf(cardKey: string | null): DocumentType | undefined {
  return cardKey !== null && (DOCUMENT_TYPES as readonly string[]).includes(cardKey)
    ? (cardKey as DocumentType)
    : undefined;
}

/**
 * One ocrDocument job on the worker pool (fair per AppId). A type the engine cannot parse yet runs
 * untyped: the engine guesses, and the read passes only if the guess is the expected document.
 * Null when the engine failed (error, timeout); a full queue is a capture error (nothing was read).
 */
export async function runOcr(
  jobs: EngineJobs,
  appId: string,
  bytes: Buffer,
  cardKey: string | null,
  portrait: boolean,
): Promise<DocumentAnalysis | null> {
  const type = engineTypeOf(cardKey);
  try {
    // A copy: the worker transfer detaches the buffer, and the photo is stored afterwards.
    const result = await jobs.run(
      'ocrDocument',
      { image: new Uint8Array(bytes), portrait, ...(type ? { type } : {}) },
      { key: appId },
    );
    return result.ok ? result.value : null;
  } catch (err) {
    if (err instanceof ApiError && err.code === 'RequestLimitExceeded') throw captureErrors.engineBusy();
    throw err;
  }
}

/** The photo, the cut card and (front) the portrait, into the encrypted media store (default retention). */
export async function storeReadMedia(
  media: MediaStore,
  photo: Buffer,
  contentType: string,
  analysis: DocumentAnalysis | null,
  front: boolean,
): Promise<{ imageMediaId: string; cutMediaId: string | null; portraitMediaId: string | null }> {
  const image = await media.put(photo, { kind: 'document-photo', contentType });
  const cut = analysis?.cutJpeg
    ? await media.put(analysis.cutJpeg, { kind: 'document-cut', contentType: 'image/jpeg' })
    : null;
  const portrait =
    front && analysis?.portrait
      ? await media.put(analysis.portrait.jpeg, { kind: 'document-portrait', contentType: 'image/jpeg' })
      : null;
  return { imageMediaId: image.id, cutMediaId: cut?.id ?? null, portraitMediaId: portrait?.id ?? null };
}
