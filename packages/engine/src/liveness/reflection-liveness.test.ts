import { describe, expect, it } from 'vitest';
import type { FaceAnalyzer, VideoFrame } from '../types.js';
import { encodeFrames } from '../video/test-videos.js';
import { analyzeVideo } from './analyze-video.js';
import {
  generateReflectSequence,
  parseReflectSequence,
  sequenceSeconds,
  serializeReflectSequence,
} from './reflect-sequence.js';
import { analyzeReflection } from './reflection-liveness.js';
import { FLASH_FACE_BOX, flashFrames } from './test-flash-frames.js';
import { syntheticObservation } from './test-observations.js';
import type { TrackSample } from './types.js';

const FPS = 15;
const toFrames = (images: ReturnType<typeof flashFrames>): VideoFrame[] =>
  images.map((image, i) => ({ t: i / FPS, image }));
const trackFor = (frames: VideoFrame[]): TrackSample[] =>
  frames
    .filter((_, i) => i % 3 === 0)
    .map((f, k) => ({
      t: f.t,
      frameIndex: k * 3,
      face: syntheticObservation(f.t, { box: FLASH_FACE_BOX }),
      faceCount: 1,
    }));

describe('generateReflectSequence', () => {
  it('makes fresh random sequences with distinct neighbours and round-trips its compact form', () => {
    const a = generateReflectSequence();
    const b = generateReflectSequence();
    expect(a.steps).toHaveLength(12);
    expect(a.nonce).not.toBe(b.nonce);
    expect(serializeReflectSequence(a)).not.toBe(serializeReflectSequence(b));
    for (let i = 1; i < a.steps.length; i++) expect(a.steps[i]?.color).not.toBe(a.steps[i - 1]?.color);
    for (const s of a.steps) expect(s.ms >= 250 && s.ms <= 400 && s.ms % 50 === 0).toBe(true);
    const text = serializeReflectSequence(a);
    expect(text).toMatch(/^v1\.[\w-]+\.([rgbymc]\d+){12}$/);
    expect(parseReflectSequence(text)).toEqual(a);
    expect(parseReflectSequence('v1.short.r400')).toBeNull();
    expect(parseReflectSequence(text + 'x')).toBeNull();
  });
});

describe('analyzeReflection', () => {
  const seq = generateReflectSequence();
  const start = 1;
  const seconds = start + sequenceSeconds(seq) + 0.8;
  const frames = toFrames(flashFrames(seq, { seconds, fps: FPS, startSeconds: start }));
  const track = trackFor(frames);

  it('passes for the sequence the video answers, even with white-balance drift and an unknown start', () => {
    const known = analyzeReflection(frames, track, { sequence: seq, startSeconds: start + 0.2 });
    expect(known.passed).toBe(true);
    expect(known.scores.reflectionCorrelation).toBeGreaterThan(0.8);
    expect(Math.abs((known.scores.reflectionStart as number) - start)).toBeLessThan(0.1);
    expect(analyzeReflection(frames, track, { sequence: seq }).passed).toBe(true);
  });

  it('fails a fresh sequence: a recording made for an old challenge does not answer a new one', () => {
    for (let k = 0; k < 5; k++) {
      const fresh = generateReflectSequence();
      const r = analyzeReflection(frames, track, { sequence: fresh, startSeconds: start });
      expect(r.passed).toBe(false);
      expect(r.findings[0]?.kind).toBe('reflection_mismatch');
    }
  });

  it('fails a face that never changes colour (photo, or the screen light blocked)', () => {
    const flat = toFrames(flashFrames(seq, { seconds, fps: FPS, startSeconds: start, strength: 0 }));
    expect(analyzeReflection(flat, trackFor(flat), { sequence: seq, startSeconds: start }).passed).toBe(
      false,
    );
  });
});

describe('analyzeVideo reflection mode (encoded video, stub analyzer)', () => {
  it('decodes an H.264 flash video and tells the right sequence from a fresh one', async () => {
    const seq = generateReflectSequence();
    const start = 0.8;
    const seconds = start + sequenceSeconds(seq) + 0.7;
    const video = encodeFrames(flashFrames(seq, { seconds, fps: 30, startSeconds: start }), 30);
    const analyzer: FaceAnalyzer = {
      detectFaces: () => Promise.resolve([syntheticObservation(0, { box: FLASH_FACE_BOX })]),
      embed: () => Promise.resolve(new Float32Array(128).fill(0.1)),
    };
    const right = await analyzeVideo(
      video,
      { mode: 'reflection', challenge: { sequence: serializeReflectSequence(seq), startSeconds: start } },
      { analyzer },
    );
    expect(right.findings.filter((f) => f.kind === 'reflection_mismatch')).toEqual([]);
    expect(right.scores.reflectionCorrelation).toBeGreaterThan(0.7);
    // The stub's face never moves its eyes or mouth: light alone passes, light + silent cues does not.
    expect(right.passed).toBe(false);
    expect(right.decidingFinding?.kind).toBe('liveness_below_threshold');
    const lightOnly = await analyzeVideo(
      video,
      { mode: 'reflection', challenge: { sequence: seq, startSeconds: start }, reflectionWithSilent: false },
      { analyzer },
    );
    expect(lightOnly.passed).toBe(true);
    const fresh = await analyzeVideo(
      video,
      {
        mode: 'reflection',
        challenge: { sequence: generateReflectSequence(), startSeconds: start },
        reflectionWithSilent: false,
      },
      { analyzer },
    );
    expect(fresh.passed).toBe(false);
    expect(fresh.decidingFinding?.kind).toBe('reflection_mismatch');
  });
});
