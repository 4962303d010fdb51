import fs from 'node:fs/promises';
import {
  analyzeVideo,
  createFaceAnalyzer,
  decodeImage,
  encodeJpeg,
  LIVENESS_MODES,
  type LivenessMode,
  type VideoChallenge,
} from '@open-ekyc/engine';
import type { CliCommand } from '../cli-io.js';
import { UsageError, parseCommandArgs, runReporting } from '../command-support.js';

const USAGE = `usage: ekyc liveness VIDEO [--image REF.jpg] [--mode silent|action|reflection|lip]
                    [--actions 2,4] [--sequence v1.NONCE.r300g250...] [--start SECONDS]
                    [--digits 4821] [--best-frame OUT.jpg] [--ffmpeg PATH]

Analyses a selfie video and prints JSON: passed, the deciding finding, all findings, scores,
the timeline of detected events and timings. --image compares the best frame with a reference
photo (similarity 0-100, same person at >= 70). Challenges: --actions for action mode (vendor
ValidateData codes 1 mouth, 2 blink, 3 nod, 4 shake, or names), --sequence (+ --start) for
reflection mode, --digits for lip mode. Silent mode needs none.
`;

/** `ekyc liveness VIDEO` (INTERFACES.md §2): one-shot, models loaded in this process. */
export const run: CliCommand = (argv, io) =>
  runReporting(io, USAGE, async () => {
    const { positionals, values } = parseCommandArgs(argv, {
      image: { type: 'string' },
      mode: { type: 'string', default: 'silent' },
      actions: { type: 'string' },
      sequence: { type: 'string' },
      start: { type: 'string' },
      digits: { type: 'string' },
      'best-frame': { type: 'string' },
      ffmpeg: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected one video file');
    const mode = values.mode as LivenessMode;
    if (!LIVENESS_MODES.includes(mode))
      throw new UsageError(`--mode must be one of ${LIVENESS_MODES.join(', ')}`);
    const start = values.start === undefined ? undefined : Number(values.start);
    if (start !== undefined && !Number.isFinite(start))
      throw new UsageError('--start must be a number of seconds');
    const challenge: VideoChallenge = {
      ...(values.actions ? { actions: values.actions } : {}),
      ...(values.sequence ? { sequence: values.sequence } : {}),
      ...(start === undefined ? {} : { startSeconds: start }),
      ...(values.digits ? { digits: values.digits } : {}),
    };
    const read = (file: string) =>
      fs.readFile(file).catch((err: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${file}: ${err.code ?? err.message}`);
      });
    const video = await read(positionals[0] as string);
    let referenceImage;
    if (values.image) {
      const decoded = await decodeImage(await read(values.image));
      if (!decoded.ok) {
        io.stdout(
          `${JSON.stringify({ video: positionals[0], reference: values.image, passed: false, findings: [decoded.finding] }, null, 2)}\n`,
        );
        return 0;
      }
      referenceImage = decoded.image;
    }
    let result;
    try {
      result = await analyzeVideo(
        video,
        { mode, challenge, ...(referenceImage ? { referenceImage } : {}) },
        { analyzer: await createFaceAnalyzer(), ...(values.ffmpeg ? { ffmpegPath: values.ffmpeg } : {}) },
      );
    } catch (err) {
      if (err instanceof TypeError) throw new UsageError(err.message); // a missing or malformed challenge
      throw err;
    }
    const { bestFrame, ...rest } = result;
    if (bestFrame && values['best-frame']) {
      await fs.writeFile(values['best-frame'], await encodeJpeg(bestFrame.image));
    }
    const best = bestFrame
      ? {
          t: bestFrame.t,
          score: bestFrame.score,
          ...(values['best-frame'] ? { file: values['best-frame'] } : {}),
        }
      : null;
    io.stdout(
      `${JSON.stringify({ video: positionals[0], mode, ...(values.image ? { reference: values.image } : {}), ...rest, bestFrame: best }, null, 2)}\n`,
    );
    return 0;
  });
