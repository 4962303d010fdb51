import type { Finding } from '@open-ekyc/contract';
import { decodeImage } from '../decode/decode-image.js';
import { defineTask, ownedBuffer } from '../workers/task-types.js';
import { array, bytes, finiteNumber, isRecord, record } from '../workers/validate.js';
import { parseFindings } from '../workers/parse-engine-data.js';
import { threadAnalyzer } from '../workers/worker-context.js';
import { analyzeVideo, type VideoAnalysis } from './analyze-video.js';
import { encodeJpeg } from './best-frame-jpeg.js';
import { LIVENESS_MODES, resolveChallenge, type LivenessMode, type VideoChallenge } from './challenge.js';
import type { TimelineEntry } from './types.js';

export interface AnalyzeVideoTaskInput {
  readonly video: Uint8Array;
  readonly mode: LivenessMode;
  readonly challenge?: VideoChallenge;
  /** Encoded reference photo (JPEG/PNG), compared with the best frame. */
  readonly referenceImage?: Uint8Array;
  readonly ffmpegPath?: string;
  readonly passSimilarity?: number;
  /** Reflection mode: also require the silent cues (default true, see analyze-video.ts). */
  readonly reflectionWithSilent?: boolean;
}

export interface AnalyzeVideoTaskOutput extends Omit<VideoAnalysis, 'bestFrame'> {
  /** The best frame as JPEG (the vendor's BestFrameBase64 is a JPEG), or null without a face. */
  readonly bestFrame: {
    readonly t: number;
    readonly score: number;
    readonly width: number;
    readonly height: number;
    readonly jpeg: Uint8Array;
  } | null;
}

const optionalString = (v: unknown, what: string): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > 4096) throw new TypeError(`${what}: expected a string`);
  return v;
};

function parseChallenge(value: unknown): VideoChallenge | undefined {
  if (value === undefined) return undefined;
  const r = record(value, 'challenge');
  const actions = Array.isArray(r.actions)
    ? r.actions.map((a, i) => optionalString(a, `actions[${i}]`) as string)
    : optionalString(r.actions, 'actions');
  const sequence = optionalString(r.sequence, 'sequence');
  const digits = optionalString(r.digits, 'digits');
  return {
    ...(actions === undefined ? {} : { actions: actions as VideoChallenge['actions'] }),
    ...(sequence === undefined ? {} : { sequence }),
    ...(r.startSeconds === undefined ? {} : { startSeconds: finiteNumber(r.startSeconds, 'startSeconds') }),
    ...(digits === undefined ? {} : { digits }),
  };
}

/** analyzeVideo: video bytes (+ challenge, + reference photo) → liveness verdict, findings, best frame. */
export const analyzeVideoTask = defineTask({
  parseInput(value: unknown): AnalyzeVideoTaskInput {
    const r = record(value, 'analyzeVideo input');
    if (!LIVENESS_MODES.includes(r.mode as LivenessMode))
      throw new TypeError('mode: expected silent|action|reflection|lip');
    const mode = r.mode as LivenessMode;
    const challenge = parseChallenge(r.challenge);
    const resolved = resolveChallenge(mode, challenge);
    if (typeof resolved === 'string') throw new TypeError(resolved);
    const ffmpegPath = optionalString(r.ffmpegPath, 'ffmpegPath');
    return {
      video: bytes(r.video, 'video'),
      mode,
      ...(challenge ? { challenge } : {}),
      ...(r.referenceImage === undefined
        ? {}
        : { referenceImage: bytes(r.referenceImage, 'referenceImage') }),
      ...(ffmpegPath ? { ffmpegPath } : {}),
      ...(r.passSimilarity === undefined
        ? {}
        : { passSimilarity: finiteNumber(r.passSimilarity, 'passSimilarity') }),
      ...(typeof r.reflectionWithSilent === 'boolean'
        ? { reflectionWithSilent: r.reflectionWithSilent }
        : {}),
    };
  },
  parseOutput(value: unknown): AnalyzeVideoTaskOutput {
    const r = record(value, 'analyzeVideo output');
    if (typeof r.passed !== 'boolean') throw new TypeError('passed: expected a boolean');
    const scores = record(r.scores, 'scores');
    for (const [k, v] of Object.entries(scores)) finiteNumber(v, `scores.${k}`);
    const t = record(r.timings, 'timings');
    const timeline = array(r.timeline, 'timeline').map((e, i) => {
      const x = record(e, `timeline[${i}]`);
      if (typeof x.kind !== 'string') throw new TypeError(`timeline[${i}].kind: expected a string`);
      finiteNumber(x.t, `timeline[${i}].t`);
      return x as unknown as TimelineEntry;
    });
    const findings = parseFindings(r.findings);
    const deciding = r.decidingFinding === undefined ? undefined : parseFindings([r.decidingFinding])[0];
    let bestFrame: AnalyzeVideoTaskOutput['bestFrame'] = null;
    if (isRecord(r.bestFrame)) {
      const b = r.bestFrame;
      bestFrame = {
        t: finiteNumber(b.t, 'bestFrame.t'),
        score: finiteNumber(b.score, 'bestFrame.score'),
        width: finiteNumber(b.width, 'bestFrame.width'),
        height: finiteNumber(b.height, 'bestFrame.height'),
        jpeg: bytes(b.jpeg, 'bestFrame.jpeg'),
      };
    }
    return {
      passed: r.passed,
      findings,
      ...(deciding ? { decidingFinding: deciding } : {}),
      scores: scores as Record<string, number>,
      timeline,
      durationSeconds: finiteNumber(r.durationSeconds, 'durationSeconds'),
      timings: {
        decodeMs: finiteNumber(t.decodeMs, 'decodeMs'),
        trackMs: finiteNumber(t.trackMs, 'trackMs'),
        livenessMs: finiteNumber(t.livenessMs, 'livenessMs'),
        compareMs: finiteNumber(t.compareMs, 'compareMs'),
        totalMs: finiteNumber(t.totalMs, 'totalMs'),
      },
      bestFrame,
    };
  },
  async run(input): Promise<AnalyzeVideoTaskOutput> {
    const analyzer = await threadAnalyzer();
    const extra: Finding[] = [];
    let referenceImage;
    if (input.referenceImage) {
      const decoded = await decodeImage(input.referenceImage);
      if (decoded.ok) referenceImage = decoded.image;
      else
        extra.push({
          kind: 'reference_low_quality',
          detail: `reference: ${decoded.finding.kind} ${decoded.finding.detail ?? ''}`.trim(),
        });
    }
    const result = await analyzeVideo(
      input.video,
      {
        mode: input.mode,
        ...(input.challenge ? { challenge: input.challenge } : {}),
        ...(referenceImage ? { referenceImage } : {}),
        ...(input.reflectionWithSilent === undefined
          ? {}
          : { reflectionWithSilent: input.reflectionWithSilent }),
      },
      {
        analyzer,
        ...(input.ffmpegPath ? { ffmpegPath: input.ffmpegPath } : {}),
        ...(input.passSimilarity === undefined ? {} : { passSimilarity: input.passSimilarity }),
      },
    );
    const { bestFrame, ...rest } = result;
    const findings = [...rest.findings, ...extra];
    const jpeg = bestFrame ? await encodeJpeg(bestFrame.image) : null;
    return {
      ...rest,
      passed: rest.passed && extra.length === 0,
      findings,
      ...(rest.decidingFinding || !extra[0] ? {} : { decidingFinding: extra[0] }),
      bestFrame:
        bestFrame && jpeg
          ? {
              t: bestFrame.t,
              score: bestFrame.score,
              width: bestFrame.image.width,
              height: bestFrame.image.height,
              jpeg,
            }
          : null,
    };
  },
  transferables: (input) => [
    ...ownedBuffer(input.video),
    ...(input.referenceImage ? ownedBuffer(input.referenceImage) : []),
  ],
});
