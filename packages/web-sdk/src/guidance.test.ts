import { describe, expect, it } from 'vitest';
import { GuidanceSmoother, guidanceFor, relevantFaces, tooMuchMotion, type FaceBox } from './guidance.js';

// A 320x240 frame (Chromium's fake camera) with a centred face 110 px wide.
const W = 320;
const H = 240;
const face = (x: number, y: number, w: number, score = 0.9): FaceBox => ({ box: [x, y, w, w * 1.1], score });
const centred = (w: number): FaceBox => face(W / 2 - w / 2, H / 2 - (w * 1.1) / 2, w);

describe('guidanceFor', () => {
  it('ok for one centred, well-sized, well-lit face', () => {
    expect(guidanceFor({ width: W, height: H, faces: [centred(110)], brightness: 120 })).toBe('ok');
  });

  it('no_face when nothing (or only low-confidence boxes) is found', () => {
    expect(guidanceFor({ width: W, height: H, faces: [] })).toBe('no_face');
    expect(guidanceFor({ width: W, height: H, faces: [{ ...centred(110), score: 0.2 }] })).toBe('no_face');
  });

  it('multiple_faces for a second face of comparable size, not for a tiny background blob', () => {
    expect(guidanceFor({ width: W, height: H, faces: [centred(110), face(10, 10, 60)] })).toBe(
      'multiple_faces',
    );
    expect(guidanceFor({ width: W, height: H, faces: [centred(110), face(10, 10, 20)] })).toBe('ok');
  });

  it('too_far / too_close from the face width relative to the shorter frame side', () => {
    expect(guidanceFor({ width: W, height: H, faces: [centred(40)] })).toBe('too_far'); // 40/240 = 0.17
    expect(guidanceFor({ width: W, height: H, faces: [centred(235)] })).toBe('too_close'); // 0.98
    expect(guidanceFor({ width: W, height: H, faces: [centred(210)] })).toBe('ok'); // 0.875: the fake-camera clip's framing
    expect(guidanceFor({ width: W, height: H, faces: [centred(60)] })).toBe('ok'); // 0.25
  });

  it('off_centre when the face centre is far from the frame centre', () => {
    expect(guidanceFor({ width: W, height: H, faces: [face(190, 60, 100)] })).toBe('off_centre'); // centre x 240 → 0.25 W off
    expect(guidanceFor({ width: W, height: H, faces: [face(110, 0, 100)] })).toBe('off_centre'); // centre y 55 → 0.27 H off
  });

  it('too_dark / too_bright from the face region luma, before the framing checks', () => {
    expect(guidanceFor({ width: W, height: H, faces: [centred(110)], brightness: 20 })).toBe('too_dark');
    expect(guidanceFor({ width: W, height: H, faces: [centred(110)], brightness: 240 })).toBe('too_bright');
    expect(guidanceFor({ width: W, height: H, faces: [face(0, 0, 40)], brightness: 20 })).toBe('too_dark');
  });

  it('relevantFaces orders by area, largest first', () => {
    const r = relevantFaces([face(0, 0, 60), centred(110)]);
    expect(r.map((f) => f.box[2])).toEqual([110, 60]);
  });
});

describe('tooMuchMotion', () => {
  it('flags a jump of about half a face width between analysed frames', () => {
    expect(tooMuchMotion(face(100, 60, 100), face(105, 62, 100))).toBe(false);
    expect(tooMuchMotion(face(100, 60, 100), face(160, 60, 100))).toBe(true);
    expect(tooMuchMotion(undefined, face(160, 60, 100))).toBe(false);
  });
});

describe('GuidanceSmoother', () => {
  it('shows the first status at once, then switches only after two equal frames', () => {
    const s = new GuidanceSmoother(2);
    expect(s.push('no_face')).toBe('no_face');
    expect(s.push('ok')).toBe('no_face');
    expect(s.push('too_far')).toBe('no_face');
    expect(s.push('ok')).toBe('no_face');
    expect(s.push('ok')).toBe('ok');
    expect(s.current).toBe('ok');
  });
});
