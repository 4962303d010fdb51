import type { Box, FaceObservation, RgbImage } from '../types.js';

/** The first 468 mesh points are the face surface; 468–477 are the irises. */
const FACE_SURFACE_POINTS = 468;

/**
 * Tight face extent from the mesh (forehead to chin, ear to ear). Human's `box` is the detector
 * box enlarged for the mesh model (about 1.4× the face on the dev crops), so framing and size
 * checks use this instead.
 */
export function meshBounds(face: FaceObservation): Box {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const n = Math.min(face.mesh.length, FACE_SURFACE_POINTS);
  for (let i = 0; i < n; i++) {
    const p = face.mesh[i];
    if (!p) continue;
    minX = Math.min(minX, p[0]);
    maxX = Math.max(maxX, p[0]);
    minY = Math.min(minY, p[1]);
    maxY = Math.max(maxY, p[1]);
  }
  if (!Number.isFinite(minX)) return face.box;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Share of face-surface mesh points outside the image (the face is cut by the border). */
export function shareOutside(face: FaceObservation, image: RgbImage): number {
  const n = Math.min(face.mesh.length, FACE_SURFACE_POINTS);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const p = face.mesh[i];
    if (p && (p[0] < 0 || p[1] < 0 || p[0] >= image.width || p[1] >= image.height)) out++;
  }
  return n ? out / n : 0;
}

/**
 * Faces smaller than this share of the largest face's width are background (a passer-by,
 * a face on a poster): not counted as a second person. 0.4 keeps a second person standing beside
 * the user (similar size) and drops distant ones.
 */
export const BACKGROUND_FACE_RATIO = 0.4;

/** Faces that count, largest first. */
export function significantFaces(faces: readonly FaceObservation[]): FaceObservation[] {
  const sized = faces.map((f) => ({ f, w: meshBounds(f).width })).sort((a, b) => b.w - a.w);
  const largest = sized[0]?.w ?? 0;
  return sized.filter((s) => s.w >= largest * BACKGROUND_FACE_RATIO).map((s) => s.f);
}

/** The face a single-person check is about: the largest one. */
export function primaryFace(faces: readonly FaceObservation[]): FaceObservation | undefined {
  return significantFaces(faces)[0];
}
