import type { EvalSection } from './eval-section.js';
import { facesSection } from './faces-section.js';
import { livenessSection } from './liveness.js';
import { documentsSection } from '../documents/documents-section.js';

/**
 * The report sections `evaluate()` can run, in report order (INTERFACES.md §4). Each section
 * reads its own part of the data set; add one with one line here.
 */
export const sections = {
  faces: facesSection,
  liveness: livenessSection,
  documents: documentsSection,
} satisfies Record<string, EvalSection>;

export type SectionName = keyof typeof sections;
