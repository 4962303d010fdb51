import { describe, expect, it } from 'vitest';
import { equalErrorRate, percentile, ratesAt, rocCurve, tarAtFar } from './metrics.js';

describe('verification metrics', () => {
  it('gives EER 0 for separated scores, with a threshold between the classes', () => {
    const r = equalErrorRate([80, 90, 95], [10, 20, 30]);
    expect(r.eer).toBe(0);
    expect(r.threshold).toBeGreaterThan(30);
    expect(r.threshold).toBeLessThanOrEqual(80);
  });

  it('computes EER, TAR@FAR and rates on overlapping scores', () => {
    const genuine = [50, 60, 70, 80, 90];
    const impostor = [10, 20, 30, 40, 55];
    expect(equalErrorRate(genuine, impostor).eer).toBeCloseTo(0.2, 6); // at 55: FAR 1/5, FRR 1/5
    expect(tarAtFar(genuine, impostor, 0)).toBeCloseTo(0.8, 6);
    expect(tarAtFar(genuine, impostor, 0.2)).toBe(1);
    expect(ratesAt(genuine, impostor, 60)).toEqual({ far: 0, frr: 0.2 });
  });

  it('treats failed samples (-Infinity) as rejected at every threshold', () => {
    const genuine = [90, 90, -Infinity, -Infinity];
    expect(tarAtFar(genuine, [10], 0)).toBe(0.5);
    expect(rocCurve(genuine, [10]).at(-1)).toMatchObject({ tar: 0.5, far: 1 });
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });
});
