import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import {
  SPECIMEN_TD3,
  hasOcrB,
  photocopied,
  renderCardOnly,
  renderOnDesk,
  toJpeg,
  type CardSpec,
} from '../../../../engine/src/documents/test-cards.fixture.js';
import { createInProcessJobs } from '../../jobs/in-process-jobs.js';
import { MemoJobs } from './memo-jobs.js';

/**
 * Document photos for the document-step tests, rendered by the engine's card fixture (ICAO 9303
 * specimen passport, face-api demo portrait), and the real engine job layer (one worker).
 */
export { hasOcrB };

export const PASSPORT: CardSpec = {
  title: 'UTOPIA PASSPORT',
  lines: [
    'Surname: ERIKSSON',
    'Given names: ANNA MARIA',
    'Date of birth: 12 AUG 1974',
    'Passport No: L898902C3',
  ],
  mrz: SPECIMEN_TD3,
};

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
  const desk = await renderOnDesk(await renderCardOnly(PASSPORT));
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
    faceless: Buffer.from(
      await toJpeg(await renderOnDesk(await renderCardOnly({ ...PASSPORT, portraitImage: blank }))),
    ),
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
