import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two signatures without leaking where they differ (brief item 3, spec §3.6
 * "constantTimeEq"). `timingSafeEqual` needs equal-length buffers, so a length mismatch is
 * answered after a dummy comparison of the expected value with itself.
 */
export function constantTimeEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}
