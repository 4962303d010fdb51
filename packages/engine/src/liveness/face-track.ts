import type { Finding } from '@open-ekyc/contract';
import { euclidean } from '../compare/similarity.js';
import type { Box, FaceAnalyzer, FaceObservation, VideoFrame } from '../types.js';
import { bestFrameScore, frameQuality, majorityFindings, type FrameQuality } from './framing.js';
import type { BestFrame, FaceTrack, TrackSample } from './types.js';

export interface FaceTrackOptions {
  /** Analyse every n-th decoded frame (the reflection mode decodes faster than it detects). */
  readonly stride?: number;
  /** Share of analysed frames that must show the face. */
  readonly minFaceFraction?: number;
  /** Share of analysed frames with a second face above which the video has multiple faces. */
  readonly multiFaceFraction?: number;
  /** A second face counts when its box area is at least this share of the tracked face's. */
  readonly secondFaceAreaRatio?: number;
  /** Euclidean distance between 128-D descriptors above which two frames show different people. */
  readonly faceChangeDistance?: number;
  /** How many frames along the track are embedded for the identity check (0 disables it). */
  readonly identitySamples?: number;
  /** Ask for Human's passive scores on every n-th analysed frame only (weak signals, ≈10 ms each). */
  readonly passiveEvery?: number;
}

// face-api 128-D genuine pairs sit at 0.3–0.6, impostors at 0.6–1.0 (ml-stack-probe §4). Inside
// one video the spread measured 0.32–0.41 on the dev clips (frontal-most frames are compared), so
// 0.65 leaves room for pose and light changes; compare/'s pass threshold (Sim 70) is at 0.57.
const DEFAULTS: Required<FaceTrackOptions> = {
  stride: 1,
  minFaceFraction: 0.6,
  multiFaceFraction: 0.3,
  secondFaceAreaRatio: 0.25,
  faceChangeDistance: 0.65,
  identitySamples: 3,
  passiveEvery: 4,
};

const area = (b: Box): number => b.width * b.height;
const centre = (b: Box): [number, number] => [b.x + b.width / 2, b.y + b.height / 2];

/** The face continuing the track: nearest to the previous one, else the largest. */
function pick(faces: readonly FaceObservation[], previous: FaceObservation | null): FaceObservation | null {
  if (faces.length === 0) return null;
  if (!previous) return [...faces].sort((a, b) => area(b.box) - area(a.box))[0] ?? null;
  const [px, py] = centre(previous.box);
  return (
    [...faces].sort((a, b) => {
      const [ax, ay] = centre(a.box);
      const [bx, by] = centre(b.box);
      return Math.hypot(ax - px, ay - py) - Math.hypot(bx - px, by - py);
    })[0] ?? null
  );
}

export interface TrackBuilder {
  /** Analyse one frame (call in frame order, only for frames the stride selects). */
  add(frame: VideoFrame, index: number): Promise<void>;
  /** Makes later `add` calls no-ops (the video turned out unusable). */
  cancel(): void;
  /** Track-level findings, identity check and best frame, over the decoded `frames`. */
  finish(frames: readonly VideoFrame[]): Promise<FaceTrack>;
  /** Time spent in `add` and `finish`, ms. */
  readonly busyMs: () => number;
}

/**
 * Incremental face track, so detection can run while ffmpeg is still decoding (the frames
 * arrive through a pipe; analyze-video.ts feeds them in as they come).
 */
export function createTrackBuilder(analyzer: FaceAnalyzer, options: FaceTrackOptions = {}): TrackBuilder {
  const o = { ...DEFAULTS, ...options };
  const samples: TrackSample[] = [];
  const qualities: (FrameQuality | null)[] = [];
  let previous: FaceObservation | null = null;
  let jumps = 0;
  let cancelled = false;
  let busy = 0;
  const add = async (frame: VideoFrame, i: number): Promise<void> => {
    if (cancelled) return;
    const started = performance.now();
    const faces = await analyzer.detectFaces(frame.image, {
      passiveScores: samples.length % o.passiveEvery === 0,
    });
    const face = pick(faces, previous);
    const big = face
      ? faces.filter((f) => f === face || area(f.box) >= o.secondFaceAreaRatio * area(face.box)).length
      : 0;
    if (face && previous) {
      // A face that moves more than its own width between two samples ≤0.3 s apart is not the same head.
      const prevSample = samples.filter((s) => s.face).pop();
      const dt = prevSample ? frame.t - prevSample.t : Infinity;
      const [ax, ay] = centre(face.box);
      const [bx, by] = centre(previous.box);
      if (dt <= 0.3 && Math.hypot(ax - bx, ay - by) > Math.max(face.box.width, previous.box.width)) jumps++;
    }
    samples.push({ t: frame.t, frameIndex: i, face, faceCount: big });
    qualities.push(face ? frameQuality(frame.image, face) : null);
    if (face) previous = face;
    busy += performance.now() - started;
  };
  const finish = async (frames: readonly VideoFrame[]): Promise<FaceTrack> => {
    const started = performance.now();
    const track = await summarise(frames, analyzer, o, samples, qualities, jumps);
    busy += performance.now() - started;
    return track;
  };
  return {
    add,
    finish,
    cancel: () => {
      cancelled = true;
    },
    busyMs: () => busy,
  };
}

/**
 * Runs the analyser over the frames and builds one face track: exactly one face throughout,
 * present in enough frames, not swapped mid-video, framed well enough, plus the best frame.
 */
export async function buildFaceTrack(
  frames: readonly VideoFrame[],
  analyzer: FaceAnalyzer,
  options: FaceTrackOptions = {},
): Promise<FaceTrack> {
  const builder = createTrackBuilder(analyzer, options);
  const stride = options.stride ?? DEFAULTS.stride;
  for (let i = 0; i < frames.length; i += stride) await builder.add(frames[i] as VideoFrame, i);
  return builder.finish(frames);
}

async function summarise(
  frames: readonly VideoFrame[],
  analyzer: FaceAnalyzer,
  o: Required<FaceTrackOptions>,
  samples: TrackSample[],
  qualities: (FrameQuality | null)[],
  jumps: number,
): Promise<FaceTrack> {
  const findings: Finding[] = [];
  const withFace = samples.filter((s) => s.face);
  const faceFraction = samples.length ? withFace.length / samples.length : 0;
  const multiFraction = samples.length ? samples.filter((s) => s.faceCount > 1).length / samples.length : 0;
  const scores: Record<string, number> = {
    analysedFrames: samples.length,
    faceFraction: round(faceFraction),
    multiFaceFraction: round(multiFraction),
    boxJumps: jumps,
  };
  if (faceFraction < o.minFaceFraction)
    findings.push({
      kind: 'no_face',
      score: round(faceFraction),
      detail: `face in ${withFace.length}/${samples.length} frames`,
    });
  if (multiFraction > o.multiFaceFraction)
    findings.push({ kind: 'multiple_faces', score: round(multiFraction) });
  if (jumps > 0)
    findings.push({ kind: 'face_changed', score: jumps, detail: 'face box jumped between frames' });
  const faceQualities = qualities.filter((q): q is FrameQuality => q !== null);
  findings.push(...majorityFindings(faceQualities));
  const bestFrame = chooseBestFrame(frames, samples, qualities);
  if (bestFrame) scores.bestFrameScore = round(bestFrame.score);
  if (o.identitySamples > 1 && withFace.length >= 2 && !findings.some((f) => f.kind === 'face_changed')) {
    const distance = await identitySpread(frames, withFace, analyzer, o.identitySamples);
    scores.identitySpread = round(distance);
    if (distance > o.faceChangeDistance)
      findings.push({
        kind: 'face_changed',
        score: round(distance),
        detail: 'descriptors along the track disagree',
      });
  }
  return { samples, findings, bestFrame, scores };
}

function chooseBestFrame(
  frames: readonly VideoFrame[],
  samples: readonly TrackSample[],
  qualities: readonly (FrameQuality | null)[],
): BestFrame | null {
  const sharpRef = Math.max(0, ...qualities.map((q) => q?.sharpness ?? 0));
  let best: BestFrame | null = null;
  samples.forEach((s, k) => {
    const q = qualities[k];
    if (!s.face || !q) return;
    const score = bestFrameScore(s.face, q, sharpRef);
    if (!best || score > best.score)
      best = {
        t: s.t,
        frameIndex: s.frameIndex,
        image: (frames[s.frameIndex] as VideoFrame).image,
        face: s.face,
        score,
      };
  });
  return best;
}

/** Largest descriptor distance between frames spread along the track (most frontal near each spot). */
async function identitySpread(
  frames: readonly VideoFrame[],
  withFace: readonly TrackSample[],
  analyzer: FaceAnalyzer,
  count: number,
): Promise<number> {
  const chosen: TrackSample[] = [];
  for (let k = 0; k < count; k++) {
    const centreIdx = Math.round(((k + 0.5) / count) * (withFace.length - 1));
    const lo = Math.max(0, centreIdx - 2);
    const window = withFace.slice(lo, Math.min(withFace.length, centreIdx + 3));
    const frontal = [...window].sort((a, b) => poseCost(a) - poseCost(b))[0];
    if (frontal && !chosen.includes(frontal)) chosen.push(frontal);
  }
  const descriptors: Float32Array[] = [];
  for (const s of chosen)
    descriptors.push(
      await analyzer.embed((frames[s.frameIndex] as VideoFrame).image, s.face as FaceObservation),
    );
  let worst = 0;
  for (let a = 0; a < descriptors.length; a++) {
    for (let b = a + 1; b < descriptors.length; b++)
      worst = Math.max(worst, euclidean(descriptors[a] as Float32Array, descriptors[b] as Float32Array));
  }
  return worst;
}

const poseCost = (s: TrackSample): number =>
  s.face ? Math.abs(s.face.pose.yawDeg) + Math.abs(s.face.pose.pitchDeg) : Infinity;

const round = (v: number): number => Math.round(v * 1000) / 1000;
