import { createFaceAnalyzer } from '../faces/create-face-analyzer.js';
import { loadModels } from '../models/load-models.js';
import type { FaceAnalyzer } from '../types.js';
import { warmUpAnalyzer, warmUpOcr } from './warm-up.js';

let analyzer: Promise<FaceAnalyzer> | undefined;

/** The FaceAnalyzer of this thread, created on first use over the once-loaded models. */
export function threadAnalyzer(): Promise<FaceAnalyzer> {
  analyzer ??= createFaceAnalyzer();
  return analyzer;
}

/** Load the models and run one inference when the worker starts, so the first job pays for neither. */
export async function warmUpThread(): Promise<void> {
  await loadModels();
  await warmUpAnalyzer(await threadAnalyzer());
  await warmUpOcr();
}
