import path from 'node:path';
import { evaluate, REPORT_SECTIONS } from '@open-ekyc/engine';
import type { CliCommand } from '../cli-io.js';
import { UsageError, parseCommandArgs, runReporting } from '../command-support.js';

const USAGE = `usage: ekyc eval --data DIR [--out FILE] [--only ${REPORT_SECTIONS.join(',')}]

Runs the engine over a data set in the INTERFACES.md §4 format, prints a summary and writes the
JSON report (default ./eval-report.json) with its charts (PNG) beside it.
`;

/** `ekyc eval` (INTERFACES.md §2). Progress goes to stderr, the summary to stdout. */
export const run: CliCommand = (argv, io) =>
  runReporting(io, USAGE, async () => {
    const { values, positionals } = parseCommandArgs(argv, {
      data: { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.data) throw new UsageError('--data is required');
    const only = values.only
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = (only ?? []).filter((s) => !(REPORT_SECTIONS as readonly string[]).includes(s));
    if (unknown.length) throw new UsageError(`unknown section(s) for --only: ${unknown.join(', ')}`);
    const outFile = path.resolve(values.out ?? 'eval-report.json');
    const result = await evaluate({
      dataDir: values.data,
      ...(only ? { only } : {}),
      outFile,
      log: (line) => io.stderr(`${line}\n`),
    });
    io.stdout(`${result.summary.join('\n')}\n\nwrote ${result.files.join(', ')}\n`);
    return 0;
  });
