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
  /** Face mesh, [x, y, z] in pixels: 478 points (Human facemesh + iris), 468 when detected with `iris: false`. */
  readonly mesh: ReadonlyArray<readonly [number, number, number]>;
  readonly pose: { readonly yawDeg: number; readonly pitchDeg: number; readonly rollDeg: number };
  /** Eye aspect ratio per eye (≈0.25–0.4 open, below ≈0.15 closed); `left` is the subject's left eye (image-right). */
  readonly eyeOpenness: { readonly left: number; readonly right: number };
  /** Mouth aspect ratio (≈0 closed, above ≈0.35 clearly open). */
  readonly mouthOpenness: number;
  /**
   * Human's passive scores 0..1 (`antispoof` "real", `liveness` "live"). Weak signals only: at chance
   * on the dev liveness set (ml-stack-probe §10), so never decide with them alone.
   */
  readonly antispoof?: number;
  readonly liveness?: number;
}

/** Optional parts of a detection (each costs ≈10 ms per face on the wasm backend). */
export interface DetectOptions {
  /** Iris model: refines the eye contours and adds 10 iris points (478-point mesh). Default true. */
  readonly iris?: boolean;
  /** Human's antispoof / liveness scores (`antispoof`, `liveness` fields). Default true. */
  readonly passiveScores?: boolean;
}

/** Face detection + embedding, with models loaded once. Implemented in `faces/`. */
export interface FaceAnalyzer {
  detectFaces(image: RgbImage, options?: DetectOptions): Promise<FaceObservation[]>;
  /** 128-D descriptor of a mesh-aligned crop of `face` (ml-stack-probe §4 hybrid). */
  embed(image: RgbImage, face: FaceObservation): Promise<Float32Array>;
}

/** One sampled video frame. */
export interface VideoFrame {
  /** Seconds from the start of the video. */
  readonly t: number;
  readonly image: RgbImage;
}
