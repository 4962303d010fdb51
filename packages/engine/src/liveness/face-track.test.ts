import { describe, expect, it } from 'vitest';
import type { FaceAnalyzer, FaceObservation, VideoFrame } from '../types.js';
import { buildFaceTrack } from './face-track.js';
import { syntheticObservation } from './test-observations.js';

const frames = (n: number): VideoFrame[] =>
  Array.from({ length: n }, (_, i) => ({
    t: i / 8,
    image: { width: 320, height: 240, data: new Uint8Array(320 * 240 * 3).fill(120) },
  }));

/** Recorded-observation analyzer: per-frame faces and a descriptor per frame index. */
function stub(
  facesAt: (i: number) => FaceObservation[],
  descriptorAt: (i: number) => number = () => 0,
): FaceAnalyzer & { embedded: number } {
  let i = 0;
  const byImage = new Map<unknown, number>();
  const s = {
    embedded: 0,
    detectFaces: (image: VideoFrame['image']) => {
      byImage.set(image, i);
      return Promise.resolve(facesAt(i++));
    },
    embed: (image: VideoFrame['image']) => {
      s.embedded++;
      const d = new Float32Array(128);
      d[0] = descriptorAt(byImage.get(image) ?? 0);
      return Promise.resolve(d);
    },
  };
  return s;
}

const face = (x = 100, width = 120) =>
  syntheticObservation(0, { box: { x, y: 50, width, height: width * 1.25 } });

describe('buildFaceTrack', () => {
  it('builds one track, checks identity on a few frames and picks a best frame', async () => {
    const analyzer = stub(() => [face()]);
    const track = await buildFaceTrack(frames(24), analyzer);
    expect(
      track.findings.filter((f) => ['no_face', 'multiple_faces', 'face_changed'].includes(f.kind)),
    ).toEqual([]);
    expect(track.samples).toHaveLength(24);
    expect(analyzer.embedded).toBe(3);
    expect(track.scores.identitySpread).toBe(0);
    expect(track.bestFrame?.face).toBeDefined();
  });

  it('reports no_face when the face is missing in too many frames', async () => {
    const track = await buildFaceTrack(
      frames(20),
      stub((i) => (i % 2 ? [] : [face()])),
    );
    expect(track.findings.map((f) => f.kind)).toContain('no_face');
  });

  it('reports multiple_faces for a second person of comparable size, not for a small background face', async () => {
    const two = await buildFaceTrack(
      frames(16),
      stub(() => [face(20), face(180, 100)]),
    );
    expect(two.findings.map((f) => f.kind)).toContain('multiple_faces');
    const background = await buildFaceTrack(
      frames(16),
      stub(() => [face(20), face(250, 30)]),
    );
    expect(background.findings.map((f) => f.kind)).not.toContain('multiple_faces');
  });

  it('reports face_changed for a box jump and for a different descriptor mid-video', async () => {
    const jump = await buildFaceTrack(
      frames(16),
      stub((i) => [i < 8 ? face(10) : face(190)]),
    );
    expect(jump.findings.map((f) => f.kind)).toContain('face_changed');
    const swapped = await buildFaceTrack(
      frames(24),
      stub(
        () => [face()],
        (i) => (i < 12 ? 0 : 1),
      ),
    );
    expect(swapped.findings.find((f) => f.kind === 'face_changed')?.score).toBe(1);
  });
});
