import type { Finding } from '@open-ekyc/contract';
import { ACTION_THRESHOLDS, blinkSeries } from './action-signals.js';
import { detectPulses } from './events.js';
import { measureMeshMotion } from './mesh-motion.js';
import { median } from './series.js';
import type { LivenessOutcome, ObservationWithPassive, TimelineEntry, TrackSample } from './types.js';

export interface SilentOptions {
  /** Combined evidence (0..1) needed to pass. */
  readonly threshold?: number;
}

const clamp01 = (v: number): number => Math.max(0, Math.min(1, v));

/**
 * Evidence ramps, measured on the dev clips and on generated attacks (still photo looped, photo
 * tilted in perspective, photo zoomed and panned; see the eval notes in the report):
 * rectified mouth range: live 0.14–0.50, closed-mouth photos ≤ 0.03, open-mouth photos 0.10–0.12
 * (landmark noise), told apart by lip closure (p10/p90 of the opening: live 0.02–0.23, open-mouth
 * photos 0.41–1); rectified eye range: live 0.11–0.25, photos 0.05–0.22 (a small face zoomed in
 * and out reached 0.22). Ramps start above the attacks and rise with the mesh noise (planarResidual).
 */
const RAMPS = {
  mouth: { from: 0.04, noise: 1, span: 0.08, closedAtMost: 0.3, closedSpan: 0.1 },
  eye: { from: 0.15, noise: 2, span: 0.1 },
  /** Rigid motion (p90 displacement in inter-ocular distances) above which a lifeless face is "moving". */
  moving: 0.08,
} as const;

/**
 * Silent liveness from what the video shows over time. A face is live when it deforms in ways a
 * flat picture cannot: a blink, lids or lips moving once the head's own motion (modelled as a
 * plane, i.e. a homography) is undone. Human's antispoof/liveness scores are reported as weak
 * signals only: on the dev set they are at chance (ml-stack-probe §10), so they never decide.
 */
export function analyzeSilent(samples: readonly TrackSample[], options: SilentOptions = {}): LivenessOutcome {
  const threshold = options.threshold ?? 0.5;
  const faces = samples.flatMap((s) => (s.face ? [s.face] : []));
  const motion = measureMeshMotion(faces);
  const blinks = detectPulses(blinkSeries(samples), ACTION_THRESHOLDS.blink);
  // The ramps start higher when the mesh itself is noisy: the rigid points' residual after the
  // homography is landmark noise for a flat picture (plus parallax for a real head), and the same
  // noise moves lids and lips. A small, zoomed photo measured eyeRange 0.22 from noise alone.
  const noise = motion.planarResidual;
  // Talking closes the lips now and then (p10 of the mouth opening near closed); an open-mouthed
  // photo never does, while landmark noise still gives its mouth a "range" (0.10–0.12 measured).
  const closure = motion.mouthOpen > 0 ? motion.mouthClosed / motion.mouthOpen : 1;
  const closes = clamp01(
    (RAMPS.mouth.closedAtMost + RAMPS.mouth.closedSpan - closure) / RAMPS.mouth.closedSpan,
  );
  const mouth =
    closes * clamp01((motion.mouthRange - (RAMPS.mouth.from + RAMPS.mouth.noise * noise)) / RAMPS.mouth.span);
  const eye = clamp01((motion.eyeRange - (RAMPS.eye.from + RAMPS.eye.noise * noise)) / RAMPS.eye.span);
  const blink = blinks.length > 0 ? 1 : 0;
  // Independent cues: the face is live if any of them is convincing.
  const evidence = 1 - (1 - mouth) * (1 - eye) * (1 - blink);
  const passive = faces as readonly ObservationWithPassive[];
  const antispoof = median(passive.flatMap((f) => (f.antispoof === undefined ? [] : [f.antispoof])));
  const humanLive = median(passive.flatMap((f) => (f.liveness === undefined ? [] : [f.liveness])));
  const scores: Record<string, number> = {
    silentEvidence: round(evidence),
    blinks: blinks.length,
    mouthRange: round(motion.mouthRange),
    mouthClosed: round(motion.mouthClosed),
    mouthOpen: round(motion.mouthOpen),
    mouthEvidence: round(mouth),
    eyeEvidence: round(eye),
    eyeRange: round(motion.eyeRange),
    rigidMotion: round(motion.motion),
    planarResidual: round(motion.planarResidual),
    ...(Number.isFinite(antispoof) ? { humanAntispoof: round(antispoof) } : {}),
    ...(Number.isFinite(humanLive) ? { humanLiveness: round(humanLive) } : {}),
  };
  const timeline: TimelineEntry[] = blinks.map((b) => ({
    t: b.start,
    end: b.end,
    kind: 'blink',
    value: round(b.peak),
  }));
  const findings: Finding[] = [];
  if (evidence < threshold) {
    findings.push(
      motion.motion > RAMPS.moving
        ? {
            kind: 'spoof_suspected',
            score: round(evidence),
            detail: 'the face moves like a flat picture: no blink, no eye or mouth motion of its own',
          }
        : {
            kind: 'liveness_below_threshold',
            score: round(evidence),
            detail: 'no sign of life: no blink, no eye or mouth motion',
          },
    );
  }
  return { passed: findings.length === 0, findings, scores, timeline };
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
