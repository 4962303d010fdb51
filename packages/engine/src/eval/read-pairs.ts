import fs from 'node:fs/promises';

export interface FacePair {
  readonly imageA: string;
  readonly imageB: string;
  readonly same: boolean;
}

/** Parse DIR/faces/pairs.tsv (INTERFACES.md §4): header `image_a image_b same_person`, paths relative to DIR. */
export async function readPairs(file: string): Promise<FacePair[]> {
  const lines = (await fs.readFile(file, 'utf8')).split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split('\t').map((h) => h.trim());
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: missing column ${name}`);
    return i;
  };
  const [a, b, s] = [col('image_a'), col('image_b'), col('same_person')];
  return lines.map((line, n) => {
    const cells = line.split('\t').map((c) => c.trim());
    const same = cells[s];
    if (!cells[a] || !cells[b] || (same !== '1' && same !== '0'))
      throw new Error(`${file}:${n + 2}: bad row`);
    return { imageA: cells[a], imageB: cells[b], same: same === '1' };
  });
}
