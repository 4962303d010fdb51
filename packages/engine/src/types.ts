/** Decoded pixels: RGB24, row-major, no padding (`data.length === width * height * 3`). */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One face found in one image or video frame. All coordinates are pixels of that image. */
export interface FaceObservation {
  readonly box: Box;
  /** Detector confidence 0..1. */
  readonly score: number;
  /** 478-point face mesh (Human facemesh + iris), [x, y, z] in pixels. */
  readonly mesh: ReadonlyArray<readonly [number, number, number]>;
  readonly pose: { readonly yawDeg: number; readonly pitchDeg: number; readonly rollDeg: number };
  /** Eye aspect ratio per eye (≈0.25–0.4 open, below ≈0.15 closed). */
  readonly eyeOpenness: { readonly left: number; readonly right: number };
  /** Mouth aspect ratio (≈0 closed, above ≈0.35 clearly open). */
  readonly mouthOpenness: number;
}

/** Face detection + embedding, with models loaded once. Implemented in `faces/`. */
export interface FaceAnalyzer {
  detectFaces(image: RgbImage): Promise<FaceObservation[]>;
  /** 128-D descriptor of a mesh-aligned crop of `face` (ml-stack-probe §4 hybrid). */
  embed(image: RgbImage, face: FaceObservation): Promise<Float32Array>;
}

/** One sampled video frame. */
export interface VideoFrame {
  /** Seconds from the start of the video. */
  readonly t: number;
  readonly image: RgbImage;
}
