import { describe, expect, it } from 'vitest';
import { sharedOcr } from '../documents/ocr.js';
import { textLikePage, warmUpOcr } from './warm-up.js';

describe('OCR warm-up', () => {
  it('runs both OCR models: the synthetic page has lines the detector finds and the recogniser reads', async () => {
    await warmUpOcr();
    const lines = await (await sharedOcr()).recognize(textLikePage(400, 160));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]?.text.replace(/\s/g, '')).toMatch(/^0123456789/);
  }, 60_000);
});
