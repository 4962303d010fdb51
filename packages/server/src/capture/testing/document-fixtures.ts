import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  hasOcrB,
  photocopied,
  renderCardOnly,
  renderOnDesk,
  renderSpecimenPassport,
  toJpeg,
} from '../../../../engine/src/documents/test-cards.fixture.js';
import { createInProcessJobs } from '../../jobs/in-process-jobs.js';
import { MemoJobs } from './memo-jobs.js';

/**
 * Document photos for the document-step tests, rendered by the engine's card fixture (ICAO 9303
 * specimen passport, face-api demo portrait), and the real engine job layer (one worker).
 */

/** For suites that read an MRZ: it needs the OCR-B font (Debian fonts-ocr-b; .ci/run installs it). */
export const describeWithOcrB = hasOcrB() ? describe : describe.skip;

export interface DocumentPhotos {
  /** The specimen passport on a desk (expired 2012-04-15: AllowExpiredDocument matters). */
  readonly passport: Buffer;
  /** The same, as a greyscale photocopy (-9102). */
  readonly photocopy: Buffer;
  /** The passport with a blank grey square where the portrait goes. */
  readonly faceless: Buffer;
  /** A card with neither MRZ nor passport labels. */
  readonly libraryCard: Buffer;
  /** JPEG signature, then noise: passes the format check, fails to decode. */
  readonly broken: Buffer;
}

export async function renderDocumentPhotos(): Promise<DocumentPhotos> {
  const desk = await renderSpecimenPassport();
  const blank = await sharp({
    create: { width: 250, height: 310, channels: 3, background: { r: 200, g: 200, b: 200 } },
  })
    .png()
    .toBuffer();
  const library = await renderCardOnly({
    title: 'CITY LIBRARY',
    lines: ['Member since 2019', 'Branch: Harbour Road', 'Valid for loans'],
    portraitImage: blank,
  });
  return {
    passport: Buffer.from(await toJpeg(desk)),
    photocopy: Buffer.from(await toJpeg(photocopied(desk))),
    faceless: Buffer.from(await toJpeg(await renderSpecimenPassport({ portraitImage: blank }))),
    libraryCard: Buffer.from(await toJpeg(await renderOnDesk(library))),
    broken: Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), randomBytes(3000)]),
  };
}

/** One engine worker with its models loaded, behind the memo (see MemoJobs). */
export async function realDocumentJobs(): Promise<MemoJobs> {
  const jobs = await createInProcessJobs({ workers: 1, maxQueued: 32, timeoutMs: 90_000 });
  await jobs.whenReady();
  return new MemoJobs(jobs);
}

/**
 * The test file's real document engine and photos, made in a file-level beforeAll (the worker is
 * closed in afterAll); read `jobs` and `photos` in hooks and tests. Each distinct photo is read by
 * the engine once per file (MemoJobs), so a second database engine reuses the answers.
 */
export function useDocumentEngine(): { readonly jobs: MemoJobs; readonly photos: DocumentPhotos } {
  const kit = {} as { jobs: MemoJobs; photos: DocumentPhotos };
  beforeAll(async () => {
    [kit.jobs, kit.photos] = await Promise.all([realDocumentJobs(), renderDocumentPhotos()]);
  }, 180_000);
  afterAll(async () => {
    await kit.jobs?.close();
  });
  return kit;
}
