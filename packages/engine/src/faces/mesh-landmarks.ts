/**
 * Indices into the 478-point MediaPipe face mesh that Human returns. "Image-left" means the left
 * side of the picture (the subject's right).
 */

/** Eye contour points used by the eye aspect ratio (Soukupová & Čech 2016, 6-point EAR). */
export const EYE_POINTS = {
  /** Subject's left eye (image-right): outer corner, inner corner, two upper, two lower lids. */
  left: { outer: 263, inner: 362, upper: [385, 387], lower: [380, 373] },
  /** Subject's right eye (image-left). */
  right: { outer: 33, inner: 133, upper: [160, 158], lower: [144, 153] },
} as const;

/** Inner lip points for the mouth aspect ratio: upper, lower (vertical) and the two corners. */
export const MOUTH_POINTS = { upper: [82, 13, 312], lower: [87, 14, 317], left: 308, right: 78 } as const;

/**
 * dlib's 68-point landmarks as MediaPipe mesh indices (the commonly used correspondence table,
 * e.g. in the MediaPipe → dlib conversions of face-alignment tooling). Only the points dlib's
 * `get_face_chip_details` uses are needed: 27–54 (nose, eyes, outer upper lip) and 60–64 (inner
 * upper lip); jaw, brows and lower lip are skipped by dlib itself.
 */
export const DLIB68_FROM_MESH: Readonly<Record<number, number>> = {
  27: 168,
  28: 197,
  29: 5,
  30: 4,
  31: 75,
  32: 97,
  33: 2,
  34: 326,
  35: 305,
  36: 33,
  37: 160,
  38: 158,
  39: 133,
  40: 153,
  41: 144,
  42: 362,
  43: 385,
  44: 387,
  45: 263,
  46: 373,
  47: 380,
  48: 61,
  49: 39,
  50: 37,
  51: 0,
  52: 267,
  53: 269,
  54: 291,
  60: 78,
  61: 82,
  62: 13,
  63: 312,
  64: 308,
};

/** dlib's 5-point model landmarks (image-right eye outer/inner, image-left eye outer/inner, nose base). */
export const DLIB5_FROM_MESH = [263, 362, 33, 133, 2] as const;
