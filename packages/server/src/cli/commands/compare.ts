import fs from 'node:fs/promises';
import { compareImageBytes, createFaceAnalyzer } from '@open-ekyc/engine';
import type { CliCommand } from '../cli-io.js';
import { UsageError, parseCommandArgs, runReporting } from '../command-support.js';

const USAGE = `usage: ekyc compare A.jpg B.jpg

Compares the largest face of A (the reference) with that of B and prints JSON: similarity 0-100
(same person at >= 70, as the vendor's API), match, distance and findings.
`;

/** `ekyc compare A B` (INTERFACES.md §2): one-shot, models loaded in this process. */
export const run: CliCommand = (argv, io) =>
  runReporting(io, USAGE, async () => {
    const { positionals } = parseCommandArgs(argv, {});
    if (positionals.length !== 2) throw new UsageError('expected two image files');
    const [a, b] = positionals as [string, string];
    const read = (file: string) =>
      fs.readFile(file).catch((err: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${file}: ${err.code ?? err.message}`);
      });
    const [bytesA, bytesB] = await Promise.all([read(a), read(b)]);
    const result = await compareImageBytes(await createFaceAnalyzer(), bytesA, bytesB);
    io.stdout(`${JSON.stringify({ reference: a, probe: b, ...result }, null, 2)}\n`);
    return 0;
  });
