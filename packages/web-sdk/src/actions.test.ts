import { describe, expect, it } from 'vitest';
import { detectAction, meshMetrics, type FaceSample } from './actions.js';

const series = (values: Partial<FaceSample>[]): FaceSample[] =>
  values.map((v, i) => ({ t: i * 100, ear: 0.3, mar: 0.02, yaw: 0, pitch: 0, ...v }));

describe('detectAction', () => {
  it('blink: eyes close (EAR well below the open baseline) and open again', () => {
    const blink = series([
      { ear: 0.3 },
      { ear: 0.31 },
      { ear: 0.29 },
      { ear: 0.12 },
      { ear: 0.1 },
      { ear: 0.28 },
      { ear: 0.3 },
    ]);
    expect(detectAction('blink', blink)).toBe(true);
  });

  it('blink: not when the eyes only narrow a little, or close and stay closed', () => {
    expect(detectAction('blink', series([{ ear: 0.3 }, { ear: 0.26 }, { ear: 0.25 }, { ear: 0.3 }]))).toBe(
      false,
    );
    expect(
      detectAction(
        'blink',
        series([{ ear: 0.3 }, { ear: 0.3 }, { ear: 0.3 }, { ear: 0.3 }, { ear: 0.1 }, { ear: 0.1 }]),
      ),
    ).toBe(false);
  });

  it('blink: not when the eyes cannot be measured', () => {
    expect(detectAction('blink', series([{ ear: Number.NaN }, { ear: Number.NaN }]))).toBe(false);
    expect(detectAction('blink', series([{ ear: 0.08 }, { ear: 0.02 }, { ear: 0.08 }]))).toBe(false);
  });

  it('mouth: inner-mouth opening over 0.35 of the mouth width', () => {
    expect(detectAction('mouth', series([{ mar: 0.03 }, { mar: 0.05 }, { mar: 0.45 }, { mar: 0.1 }]))).toBe(
      true,
    );
    expect(detectAction('mouth', series([{ mar: 0.03 }, { mar: 0.12 }, { mar: 0.2 }, { mar: 0.05 }]))).toBe(
      false,
    );
  });

  it('nod: pitch moves away at least 8° and comes back', () => {
    expect(
      detectAction(
        'nod',
        series([
          { pitch: 1 },
          { pitch: 0 },
          { pitch: 1 },
          { pitch: 6 },
          { pitch: 12 },
          { pitch: 7 },
          { pitch: 2 },
        ]),
      ),
    ).toBe(true);
    expect(
      detectAction('nod', series([{ pitch: 1 }, { pitch: 0 }, { pitch: 1 }, { pitch: 12 }, { pitch: 14 }])),
    ).toBe(false); // never came back
    expect(
      detectAction('nod', series([{ pitch: 0 }, { pitch: 0 }, { pitch: 0 }, { pitch: 5 }, { pitch: 0 }])),
    ).toBe(false); // too small
  });

  it('shake: yaw moves away at least 12° and comes back; pitch does not count', () => {
    expect(
      detectAction(
        'shake',
        series([{ yaw: 0 }, { yaw: 1 }, { yaw: 0 }, { yaw: -15 }, { yaw: 14 }, { yaw: 2 }]),
      ),
    ).toBe(true);
    expect(
      detectAction('shake', series([{ pitch: 0 }, { pitch: 0 }, { pitch: 0 }, { pitch: 20 }, { pitch: 0 }])),
    ).toBe(false);
  });
});

describe('meshMetrics', () => {
  it('computes EAR and MAR from mesh points at the MediaPipe indices', () => {
    const mesh: number[][] = Array.from({ length: 468 }, () => [0, 0, 0]);
    const eye = (idx: number[], cx: number, open: number): void => {
      const [p1, p2, p3, p4, p5, p6] = idx as [number, number, number, number, number, number];
      mesh[p1] = [cx - 10, 100, 0];
      mesh[p4] = [cx + 10, 100, 0];
      mesh[p2] = [cx - 4, 100 - open, 0];
      mesh[p6] = [cx - 4, 100 + open, 0];
      mesh[p3] = [cx + 4, 100 - open, 0];
      mesh[p5] = [cx + 4, 100 + open, 0];
    };
    eye([33, 160, 158, 133, 153, 144], 60, 3); // EAR = (6 + 6) / (2 * 20) = 0.3
    eye([362, 385, 387, 263, 373, 380], 140, 3);
    mesh[78] = [80, 150, 0];
    mesh[308] = [120, 150, 0];
    mesh[13] = [100, 145, 0];
    mesh[14] = [100, 165, 0]; // MAR = 20 / 40
    const m = meshMetrics(mesh);
    expect(m.ear).toBeCloseTo(0.3, 5);
    expect(m.mar).toBeCloseTo(0.5, 5);
    expect(Number.isNaN(meshMetrics(mesh.slice(0, 100)).ear)).toBe(true);
  });
});
