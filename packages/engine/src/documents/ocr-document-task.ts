import { defineTask, ownedBuffer } from '../workers/task-types.js';
import { bytes, record } from '../workers/validate.js';
import { threadAnalyzer } from '../workers/worker-context.js';
import { analyzeDocument, type DocumentAnalysis } from './analyze-document.js';
import { DOCUMENT_TYPES, type DocumentType } from './parsers/index.js';

export interface OcrDocumentInput {
  readonly image: Uint8Array;
  readonly type?: DocumentType;
  /** Extract the portrait (loads the face models in the worker). Default true. */
  readonly portrait?: boolean;
}

/** ocrDocument: an encoded photo of a document → parsed fields, MRZ, warnings, portrait. */
export const ocrDocumentTask = defineTask({
  parseInput(value: unknown): OcrDocumentInput {
    const r = record(value, 'ocrDocument input');
    if (r.type !== undefined && !(DOCUMENT_TYPES as readonly unknown[]).includes(r.type))
      throw new TypeError(`type: expected one of ${DOCUMENT_TYPES.join('|')}`);
    if (r.portrait !== undefined && typeof r.portrait !== 'boolean')
      throw new TypeError('portrait: expected a boolean');
    return {
      image: bytes(r.image, 'image'),
      ...(r.type === undefined ? {} : { type: r.type as DocumentType }),
      ...(r.portrait === undefined ? {} : { portrait: r.portrait }),
    };
  },
  parseOutput(value: unknown): DocumentAnalysis {
    const r = record(value, 'ocrDocument output');
    if (typeof r.ok !== 'boolean' || !Array.isArray(r.lines) || !Array.isArray(r.warnings))
      throw new TypeError('ocrDocument output: malformed');
    return r as unknown as DocumentAnalysis;
  },
  async run(input) {
    const analyzer = input.portrait === false ? undefined : await threadAnalyzer();
    return analyzeDocument(input.image, {
      ...(input.type ? { type: input.type } : {}),
      deps: analyzer ? { analyzer } : {},
    });
  },
  transferables: (input) => ownedBuffer(input.image),
});
