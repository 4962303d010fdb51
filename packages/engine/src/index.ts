// Public API of @open-ekyc/engine. Several areas append their exports here: append lines only.
export type * from './types.js';
export {
  decodeImage,
  DECODE_DEFAULTS,
  type DecodeOptions,
  type DecodeResult,
  type DecodedImage,
} from './decode/decode-image.js';
export {
  createFaceAnalyzer,
  DEFAULT_ANALYZER_OPTIONS,
  type FaceAnalyzerOptions,
} from './faces/create-face-analyzer.js';
export { loadModels, type Models } from './models/load-models.js';
export { assessFaceQuality, measureFaceQuality, type FaceQualityMetrics } from './faces/face-quality.js';
export { meshBounds, primaryFace, significantFaces } from './faces/face-geometry.js';
export {
  compareFaces,
  compareImageBytes,
  type CompareOptions,
  type CompareResult,
} from './compare/compare-faces.js';
export {
  similarity,
  distanceToSimilarity,
  euclidean,
  PASS_SIMILARITY,
  type SimilarityResult,
} from './compare/similarity.js';
export {
  createWorkerPool,
  type WorkerPool,
  type WorkerPoolOptions,
  type RunOptions,
  type JobResult,
} from './workers/worker-pool.js';
export { defineTask, type TaskDefinition, type TaskRegistry } from './workers/task-types.js';
export type { EngineTasks } from './workers/tasks.js';
export { compareInPool } from './workers/compare-in-pool.js';
export { evaluate, REPORT_SECTIONS, type EvaluateOptions, type EvaluateResult } from './eval/evaluate.js';
export { evaluateFaces, type FacesReport, type FacesEvaluation } from './eval/evaluate-faces.js';
export type { EvalContext, EvalSection, SectionResult } from './eval/eval-section.js';
export {
  describeFace,
  describeImageBytes,
  combineDescriptions,
  type FaceDescription,
} from './compare/compare-faces.js';
export type { DetectFacesOutput, EmbedImageOutput } from './workers/engine-tasks.js';
export {
  loadVideo,
  probeVideo,
  decodeFrames,
  extractAudio,
  resolveFfmpegPath,
  DEFAULT_VIDEO_LIMITS,
  type LoadedVideo,
  type LoadVideoOptions,
  type VideoLimits,
  type VideoProbe,
} from './video/index.js';
export {
  analyzeVideo,
  type AnalyzeVideoRequest,
  type AnalyzeVideoDeps,
  type VideoAnalysis,
} from './liveness/analyze-video.js';
export {
  LIVENESS_MODES,
  resolveChallenge,
  type LivenessMode,
  type VideoChallenge,
} from './liveness/challenge.js';
export { parseValidateData } from './liveness/action-liveness.js';
export { ACTION_KINDS, type ActionKind } from './liveness/action-signals.js';
export {
  generateReflectSequence,
  serializeReflectSequence,
  parseReflectSequence,
  sequenceSeconds,
  REFLECT_PALETTE,
  type ReflectSequence,
  type ReflectStep,
  type ReflectColor,
} from './liveness/reflect-sequence.js';
export { judgeImagePassive, type PassiveImageVerdict } from './liveness/passive-image.js';
export { buildFaceTrack, type FaceTrackOptions } from './liveness/face-track.js';
export type { AnalyzeVideoTaskInput, AnalyzeVideoTaskOutput } from './liveness/analyze-video-task.js';
export type { BestFrame, FaceTrack, LivenessOutcome, TimelineEntry, TrackSample } from './liveness/types.js';
export { evaluateLiveness, video5sLatency, type LivenessEvaluation, type PadRates } from './eval/liveness.js';
export { encodeJpeg } from './liveness/best-frame-jpeg.js';
export { generateActionChallenge } from './liveness/action-challenge.js';
export { tasks as engineTasks } from './workers/tasks.js';
export {
  analyzeDocument,
  type AnalyzeDocumentOptions,
  type DocumentAnalysis,
} from './documents/analyze-document.js';
export { DOCUMENT_TYPES, type DocumentType, type ParsedDocument } from './documents/parsers/index.js';
export { createOcr, sharedOcr, type OcrEngine, type OcrLine } from './documents/ocr.js';
export type { OcrDocumentInput } from './documents/ocr-document-task.js';
