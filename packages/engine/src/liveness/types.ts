import type { Finding } from '@open-ekyc/contract';
import type { FaceObservation, RgbImage } from '../types.js';

/** One analysed frame of the track. `face` is the tracked face (null when none was found). */
export interface TrackSample {
  readonly t: number;
  /** Index into the decoded frame list. */
  readonly frameIndex: number;
  readonly face: FaceObservation | null;
  /** All faces the detector returned that are big enough to count as a second person. */
  readonly faceCount: number;
}

export interface BestFrame {
  readonly t: number;
  readonly frameIndex: number;
  readonly image: RgbImage;
  readonly face: FaceObservation;
  readonly score: number;
}

export interface FaceTrack {
  readonly samples: readonly TrackSample[];
  readonly findings: Finding[];
  readonly bestFrame: BestFrame | null;
  readonly scores: Record<string, number>;
}

/** Something that happened at a time: an event the analysis detected, or a measurement. */
export interface TimelineEntry {
  readonly t: number;
  readonly kind: string;
  readonly end?: number;
  readonly value?: number;
}

/** What every liveness mode returns. */
export interface LivenessOutcome {
  readonly passed: boolean;
  readonly findings: Finding[];
  readonly scores: Record<string, number>;
  readonly timeline: TimelineEntry[];
}

/** Face observations may carry Human's passive scores; the faces module adds them when present. */
export type ObservationWithPassive = FaceObservation & {
  readonly antispoof?: number;
  readonly liveness?: number;
};
