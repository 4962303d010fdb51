import { describe, expect, it } from 'vitest';
import {
  distanceToSimilarity,
  euclidean,
  PASS_SIMILARITY,
  SIMILARITY_ANCHORS,
  similarity,
  similarityToDistance,
} from './similarity.js';

describe('distanceToSimilarity', () => {
  it('hits its anchors and stays within 0–100', () => {
    for (const [d, s] of SIMILARITY_ANCHORS) expect(distanceToSimilarity(d)).toBeCloseTo(s, 2);
    expect(distanceToSimilarity(5)).toBe(0);
    expect(distanceToSimilarity(Number.NaN)).toBe(0);
  });

  it('is monotone non-increasing in distance', () => {
    let prev = Infinity;
    for (let d = 0; d <= 1.5; d += 0.001) {
      const s = distanceToSimilarity(d);
      expect(s).toBeLessThanOrEqual(prev);
      prev = s;
    }
  });

  it('inverts on the decreasing part, and the pass threshold sits on an anchor', () => {
    for (const s of [95, 80, 75, 70, 30, 1])
      expect(distanceToSimilarity(similarityToDistance(s))).toBeCloseTo(s, 1);
    expect(SIMILARITY_ANCHORS.some(([, s]) => s === PASS_SIMILARITY)).toBe(true);
  });
});

describe('similarity', () => {
  it('uses the Euclidean distance of the descriptors', () => {
    const a = new Float32Array(128);
    const b = new Float32Array(128);
    b[0] = 0.3;
    b[1] = 0.4;
    expect(euclidean(a, b)).toBeCloseTo(0.5, 6);
    expect(similarity(a, b)).toEqual({
      distance: euclidean(a, b),
      similarity: distanceToSimilarity(euclidean(a, b)),
    });
    expect(() => euclidean(a, new Float32Array(3))).toThrow(RangeError);
  });
});
