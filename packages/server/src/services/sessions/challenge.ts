import { randomInt } from 'node:crypto';

/** Actions the user may be asked to perform (spec §7 GetFaceIdTokenIntl `ActionList`). */
export const LIVENESS_ACTIONS = ['blink', 'mouth', 'nod', 'shake'] as const;
export type LivenessAction = (typeof LIVENESS_ACTIONS)[number];

/** spec §7: "1" silent, "2" action, "3" light (reflection), "4" action + light. */
export type SecureLevel = '1' | '2' | '3' | '4';

export interface LivenessChallenge {
  readonly secureLevel: SecureLevel;
  readonly mode: 'silent' | 'action' | 'reflect' | 'action+reflect';
  /** Empty unless the level includes actions. */
  readonly actions: readonly LivenessAction[];
  /** Screen colours to flash, in order (RGB hex); empty unless the level includes light. */
  readonly colors: readonly string[];
}

const COLOR_PALETTE = ['#FF0000', '#00FF00', '#0000FF', '#FFFF00', '#FF00FF', '#00FFFF'] as const;
const COLOR_SEQUENCE_LENGTH = 4;

export function levelUsesActions(level: SecureLevel): boolean {
  return level === '2' || level === '4';
}

export function levelUsesLight(level: SecureLevel): boolean {
  return level === '3' || level === '4';
}

/**
 * The challenge is chosen by the server so a replayed capture of another session cannot pass:
 * the colour sequence is random per session (consecutive colours differ, so every change is
 * visible in the reflection). Actions are the merchant's `ActionList` or the documented default "blink".
 */
export function buildLivenessChallenge(
  input: { secureLevel: SecureLevel; actions?: readonly LivenessAction[] },
  random: (max: number) => number = randomInt,
): LivenessChallenge {
  const { secureLevel } = input;
  const actions = levelUsesActions(secureLevel)
    ? [...(input.actions?.length ? input.actions : ['blink' as const])]
    : [];
  const colors: string[] = [];
  if (levelUsesLight(secureLevel)) {
    while (colors.length < COLOR_SEQUENCE_LENGTH) {
      const next = COLOR_PALETTE[random(COLOR_PALETTE.length)] as string;
      if (next !== colors[colors.length - 1]) colors.push(next);
    }
  }
  const mode = ({ '1': 'silent', '2': 'action', '3': 'reflect', '4': 'action+reflect' } as const)[
    secureLevel
  ];
  return { secureLevel, mode, actions, colors };
}
