import type { CaptureAction, CaptureChallenge, CaptureSource } from '@open-ekyc/contract';
import {
  generateActionChallenge,
  generateReflectSequence,
  REFLECT_PALETTE,
  serializeReflectSequence,
  type ActionKind,
  type ReflectSequence,
} from '@open-ekyc/engine';
import type { FlowSettings } from './flow-settings.js';

/** What the server asked for in one attempt, and how the engine checks it. */
export interface AttemptChallenge {
  /** Sent to the page / SDK (capture contract). */
  readonly capture: CaptureChallenge;
  /** Engine actions in order (action modes), vendor names mapped to the engine's. */
  readonly actions: readonly ActionKind[];
  /** Serialized reflection sequence (light modes); aligned with the upload's timeline later. */
  readonly sequence: string | null;
  /** True when a light challenge was replaced by silent liveness (AutoDowngrade, recording mode). */
  readonly downgraded: boolean;
}

/** Per action step: the page waits this long for the user's action before giving up. */
export const ACTION_STEP_TIMEOUT_MS = 8000;
/**
 * Reflection colours: 12 random flashes of 350–500 ms. The contract's floor is 334 ms (WCAG 2.3.1:
 * at most three flashes a second); the engine needs ≥ 12 steps so chance correlation stays near nil.
 */
const FLASH = { flashes: 12, minMs: 350, maxMs: 500 } as const;

const TO_ENGINE: Record<CaptureAction, ActionKind> = {
  blink: 'blink',
  mouth: 'open_mouth',
  nod: 'nod',
  shake: 'shake',
};
const TO_CAPTURE: Partial<Record<ActionKind, CaptureAction>> = {
  blink: 'blink',
  open_mouth: 'mouth',
  nod: 'nod',
  shake: 'shake',
};

export class DowngradeRefused extends Error {}

/**
 * A FRESH challenge for one attempt (never reused across attempts or sessions), so a recording made
 * earlier cannot answer it. Actions: the merchant's ActionList in its order, else a random pair with
 * a head movement (a blink alone occurs in any recording). Colours: the engine's crypto-random sequence.
 * Recording mode (`source: file`) cannot show colours on the face: with AutoDowngrade 1 the light part is
 * replaced by silent liveness (vendor: "Downgrade to silent liveness mode"), with 2 the attempt is refused.
 */
export function attemptChallenge(settings: FlowSettings, source: CaptureSource): AttemptChallenge {
  const light = settings.securityLevel === 3 || settings.securityLevel === 4;
  if (light && source === 'file') {
    if (settings.autoDowngrade !== 1) throw new DowngradeRefused('light liveness needs the live camera');
    return { capture: { mode: 'silent' }, actions: [], sequence: null, downgraded: true };
  }
  const withActions = settings.securityLevel === 2 || settings.securityLevel === 4;
  const actions: CaptureAction[] = withActions
    ? settings.actions.length > 0
      ? [...settings.actions]
      : generateActionChallenge(2).actions.map((a) => TO_CAPTURE[a] ?? 'blink')
    : [];
  const seq: ReflectSequence | null = light ? generateReflectSequence(FLASH) : null;
  const colors = seq
    ? seq.steps.map((s) => ({
        rgb: [...REFLECT_PALETTE[s.color]] as [number, number, number],
        durationMs: s.ms,
      }))
    : [];
  const capture: CaptureChallenge =
    withActions && light
      ? { mode: 'action+reflection', actions, stepTimeoutMs: ACTION_STEP_TIMEOUT_MS, colors }
      : withActions
        ? { mode: 'action', actions, stepTimeoutMs: ACTION_STEP_TIMEOUT_MS }
        : light
          ? { mode: 'reflection', colors }
          : { mode: 'silent' };
  return {
    capture,
    actions: actions.map((a) => TO_ENGINE[a]),
    sequence: seq ? serializeReflectSequence(seq) : null,
    downgraded: false,
  };
}
