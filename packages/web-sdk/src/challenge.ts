import type { CaptureAction, CaptureChallenge, ReflectionColor } from '@open-ekyc/contract';
import { detectAction } from './actions.js';
import { CLIENT_CODES, CaptureFailure } from './client-codes.js';
import type { GuidanceLoop } from './guidance-loop.js';
import type { TimelineRecorder } from './timeline.js';

export type PromptEvent =
  | { kind: 'prompt'; action: CaptureAction; index: number; total: number }
  | { kind: 'action_done'; action: CaptureAction; index: number; total: number }
  | { kind: 'hold' }
  | { kind: 'flash'; color: string; index: number; total: number };

export interface ChallengeContext {
  challenge: CaptureChallenge;
  timeline: TimelineRecorder;
  loop: GuidanceLoop;
  flash: HTMLElement;
  emit: (e: PromptEvent) => void;
  /** Throws (CaptureFailure) when the capture must stop: abort, timeout, face lost, page hidden. */
  check: () => void;
  silentRecordMs: number;
}

export const CHALLENGE_TIMING = {
  /** Face absent / several faces for this long while recording stops the attempt. */
  faceMissingMs: 1500,
  multipleFacesMs: 1000,
  lightMs: 2500,
  motionEvents: 4,
  /** Without a face tracker, each action prompt stays this long (the server still checks). */
  blindActionMs: 3000,
  afterActionMs: 400,
  beforeFlashMs: 600,
  afterFlashMs: 400,
} as const;

/** Same as the contract's REFLECTION_MIN_COLOR_MS: never more than three colour changes a second (photosensitivity). */
export const MIN_COLOR_MS = 334;

export function rgbHex(rgb: readonly number[]): string {
  return `#${rgb
    .map((v) =>
      Math.max(0, Math.min(255, Math.round(v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const nextFrame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));

async function sleep(ms: number, ctx: ChallengeContext): Promise<void> {
  const end = performance.now() + ms;
  for (;;) {
    ctx.check();
    const left = end - performance.now();
    if (left <= 0) return;
    await tick(Math.min(100, left));
  }
}

/** Checks that apply while recording: face missing, several faces, light, motion. */
export function monitorFailure(
  loop: GuidanceLoop,
  flashing: boolean,
  now = performance.now(),
): CaptureFailure | undefined {
  if (!loop.available) return undefined;
  const age = loop.statusAge(now);
  switch (loop.status) {
    case 'no_face':
      return age > CHALLENGE_TIMING.faceMissingMs ? new CaptureFailure(CLIENT_CODES.FACE_MISSING) : undefined;
    case 'multiple_faces':
      return age > CHALLENGE_TIMING.multipleFacesMs
        ? new CaptureFailure(CLIENT_CODES.MULTIPLE_FACE)
        : undefined;
    case 'too_dark':
      return !flashing && age > CHALLENGE_TIMING.lightMs
        ? new CaptureFailure(CLIENT_CODES.WEAK_LIGHT)
        : undefined;
    case 'too_bright':
      return !flashing && age > CHALLENGE_TIMING.lightMs
        ? new CaptureFailure(CLIENT_CODES.STRONG_LIGHT)
        : undefined;
    default:
      return loop.motionEvents >= CHALLENGE_TIMING.motionEvents
        ? new CaptureFailure(CLIENT_CODES.MUCH_MOTION)
        : undefined;
  }
}

async function runActions(
  ctx: ChallengeContext,
  actions: readonly CaptureAction[],
  stepTimeoutMs: number,
): Promise<void> {
  for (const [index, action] of actions.entries()) {
    const total = actions.length;
    ctx.emit({ kind: 'prompt', action, index, total });
    ctx.timeline.add('prompt', action);
    const since = performance.now();
    if (!ctx.loop.available) {
      await sleep(CHALLENGE_TIMING.blindActionMs, ctx);
      continue;
    }
    while (!detectAction(action, ctx.loop.samplesSince(since))) {
      if (performance.now() - since > stepTimeoutMs) {
        ctx.timeline.add('error', CLIENT_CODES.ACTION_TIMEOUT);
        throw new CaptureFailure(CLIENT_CODES.ACTION_TIMEOUT, `no ${action} seen within ${stepTimeoutMs} ms`);
      }
      await sleep(100, ctx);
    }
    ctx.timeline.add('prompt', `done:${action}`);
    ctx.emit({ kind: 'action_done', action, index, total });
    ctx.loop.motionEvents = 0; // nod / shake move the face on purpose
    await sleep(CHALLENGE_TIMING.afterActionMs, ctx);
  }
}

/**
 * Full-screen colours on the challenge's schedule. Each colour is logged with the time of the
 * animation frame that first showed it, relative to recording start.
 */
async function runFlashes(ctx: ChallengeContext, colors: readonly ReflectionColor[]): Promise<void> {
  ctx.emit({ kind: 'hold' });
  await sleep(CHALLENGE_TIMING.beforeFlashMs, ctx);
  await ctx.loop.pause();
  const layer = ctx.flash;
  // Colour i is due at first + the durations before it, so timer lateness does not accumulate.
  let first: number | undefined;
  let due = 0;
  try {
    for (const [index, c] of colors.entries()) {
      const hex = rgbHex(c.rgb);
      layer.style.backgroundColor = hex;
      layer.dataset.color = hex;
      layer.hidden = false;
      const shown = await nextFrame();
      first ??= shown;
      ctx.timeline.add('color', hex, shown);
      ctx.emit({ kind: 'flash', color: hex, index, total: colors.length });
      due += Math.max(MIN_COLOR_MS, c.durationMs);
      // Wake about half a frame early: the change shows on the next animation frame.
      await sleep(Math.max(0, first + due - 8 - performance.now()), ctx);
    }
  } finally {
    layer.hidden = true;
    delete layer.dataset.color;
    ctx.loop.resume();
  }
  ctx.timeline.add('color', 'off', await nextFrame());
  await sleep(CHALLENGE_TIMING.afterFlashMs, ctx);
}

/** Runs the server's challenge while the recorder runs. */
export async function runChallenge(ctx: ChallengeContext): Promise<void> {
  const c = ctx.challenge;
  switch (c.mode) {
    case 'silent':
      ctx.emit({ kind: 'hold' });
      ctx.timeline.add('prompt', 'hold');
      await sleep(ctx.silentRecordMs, ctx);
      return;
    case 'action':
      await runActions(ctx, c.actions, c.stepTimeoutMs);
      return;
    case 'reflection':
      ctx.timeline.add('prompt', 'hold');
      await runFlashes(ctx, c.colors);
      return;
    case 'action+reflection':
      await runActions(ctx, c.actions, c.stepTimeoutMs);
      ctx.timeline.add('prompt', 'hold');
      await runFlashes(ctx, c.colors);
      return;
  }
}
