/** Least-squares 2-D homography (DLT with Hartley normalisation) and its fit residual. */

export type Pt = readonly [number, number];

function normaliser(points: readonly Pt[]): { cx: number; cy: number; s: number } {
  let cx = 0,
    cy = 0;
  for (const [x, y] of points) {
    cx += x;
    cy += y;
  }
  cx /= points.length;
  cy /= points.length;
  let d = 0;
  for (const [x, y] of points) d += Math.hypot(x - cx, y - cy);
  d /= points.length;
  return { cx, cy, s: d > 0 ? Math.SQRT2 / d : 1 };
}

/** Solves A x = b for a small dense system (Gaussian elimination, partial pivoting); null if singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[p] as number[])[c] as number)) p = r;
    if (Math.abs((a[p] as number[])[c] as number) < 1e-12) return null;
    [a[c], a[p]] = [a[p] as number[], a[c] as number[]];
    [b[c], b[p]] = [b[p] as number, b[c] as number];
    const rc = a[c] as number[];
    for (let r = c + 1; r < n; r++) {
      const rr = a[r] as number[];
      const f = (rr[c] as number) / (rc[c] as number);
      for (let k = c; k < n; k++) rr[k] = (rr[k] as number) - f * (rc[k] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const rr = a[r] as number[];
    let s = b[r] as number;
    for (let k = r + 1; k < n; k++) s -= (rr[k] as number) * (x[k] as number);
    x[r] = s / (rr[r] as number);
  }
  return x;
}

export type Mapping = (p: Pt) => [number, number];

/**
 * Least-squares homography taking `from` onto `to` (Hartley & Zisserman, "Multiple View
 * Geometry", §4.1 DLT with §4.4 normalisation, h33 = 1). Null when degenerate.
 */
export function fitHomography(from: readonly Pt[], to: readonly Pt[]): Mapping | null {
  const n = Math.min(from.length, to.length);
  if (n < 5) return null;
  const nf = normaliser(from);
  const nt = normaliser(to);
  const ata = Array.from({ length: 8 }, () => new Array<number>(8).fill(0));
  const atb = new Array<number>(8).fill(0);
  const add = (row: number[], rhs: number): void => {
    for (let i = 0; i < 8; i++) {
      atb[i] = (atb[i] as number) + (row[i] as number) * rhs;
      const ai = ata[i] as number[];
      for (let j = 0; j < 8; j++) ai[j] = (ai[j] as number) + (row[i] as number) * (row[j] as number);
    }
  };
  for (let i = 0; i < n; i++) {
    const x = ((from[i] as Pt)[0] - nf.cx) * nf.s,
      y = ((from[i] as Pt)[1] - nf.cy) * nf.s;
    const u = ((to[i] as Pt)[0] - nt.cx) * nt.s,
      v = ((to[i] as Pt)[1] - nt.cy) * nt.s;
    add([x, y, 1, 0, 0, 0, -x * u, -y * u], u);
    add([0, 0, 0, x, y, 1, -x * v, -y * v], v);
  }
  const h = solve(ata, atb);
  if (!h || !h.every(Number.isFinite)) return null;
  const [h0, h1, h2, h3, h4, h5, h6, h7] = h as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return (p) => {
    const x = (p[0] - nf.cx) * nf.s,
      y = (p[1] - nf.cy) * nf.s;
    const w = h6 * x + h7 * y + 1;
    return [(h0 * x + h1 * y + h2) / w / nt.s + nt.cx, (h3 * x + h4 * y + h5) / w / nt.s + nt.cy];
  };
}

/**
 * RMS distance (in the units of `to`) between `to` and `from` mapped by the best homography.
 * A flat picture moved, tilted or zoomed in front of a camera maps exactly by a homography
 * (Hartley & Zisserman §2.3), so its residual is only landmark noise. NaN when degenerate.
 */
export function homographyResidual(from: readonly Pt[], to: readonly Pt[]): number {
  const map = fitHomography(from, to);
  if (!map) return NaN;
  let sum = 0;
  const n = Math.min(from.length, to.length);
  for (let i = 0; i < n; i++) {
    const [u, v] = map(from[i] as Pt);
    sum += (u - (to[i] as Pt)[0]) ** 2 + (v - (to[i] as Pt)[1]) ** 2;
  }
  return Math.sqrt(sum / n);
}
