import fs from 'node:fs/promises';
import { DOCUMENT_TYPES, analyzeDocument, createFaceAnalyzer, type DocumentType } from '@open-ekyc/engine';
import type { CliCommand } from '../cli-io.js';
import { UsageError, parseCommandArgs, runReporting } from '../command-support.js';

const USAGE = `usage: ekyc ocr IMAGE [--type T]

Reads an identity document photo: card rectification, OCR, MRZ (check digits verified), fields
parsed into the API's struct for T, document warnings (-9101..-9108) and the portrait box.
T: ${DOCUMENT_TYPES.join(', ')} (default: guessed).
`;

/** `ekyc ocr IMAGE [--type T]` (INTERFACES.md §2): one-shot, models loaded in this process, JSON out. */
export const run: CliCommand = (argv, io) =>
  runReporting(io, USAGE, async () => {
    const { positionals, values } = parseCommandArgs(argv, { type: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('expected one image file');
    const type = values.type as string | undefined;
    if (type !== undefined && !(DOCUMENT_TYPES as readonly string[]).includes(type))
      throw new UsageError(`--type: one of ${DOCUMENT_TYPES.join(', ')}`);
    const file = positionals[0] as string;
    const bytes = await fs.readFile(file).catch((err: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${file}: ${err.code ?? err.message}`);
    });
    const result = await analyzeDocument(bytes, {
      ...(type ? { type: type as DocumentType } : {}),
      deps: { analyzer: await createFaceAnalyzer() },
    });
    const { portrait, cutJpeg, ...rest } = result;
    const out = {
      image: file,
      ...rest,
      portrait: portrait ? { box: portrait.box, jpegBytes: portrait.jpeg.length } : null,
      cutJpegBytes: cutJpeg?.length ?? null,
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  });
