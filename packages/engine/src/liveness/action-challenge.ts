import { randomInt } from 'node:crypto';
import type { ActionKind } from './action-signals.js';

const HEAD: readonly ActionKind[] = ['nod', 'shake'];
const FACE: readonly ActionKind[] = ['blink', 'open_mouth'];
const CODE: Partial<Record<ActionKind, string>> = { open_mouth: '1', blink: '2', nod: '3', shake: '4' };

/**
 * A random action challenge (crypto randomness) in the vendor's vocabulary, returned both as
 * actions and as ValidateData ("4,2"). At least one head movement is always included: blinks
 * and mouth openings occur on their own in any talking-head recording (the dev clips show 1–2
 * blinks and 2–7 mouth openings in 7–9 s), so a replay would answer a blink/mouth-only challenge.
 */
export function generateActionChallenge(count: 1 | 2 = 2): { actions: ActionKind[]; validateData: string } {
  const head = HEAD[randomInt(HEAD.length)] as ActionKind;
  const actions = count === 1 ? [head] : [head, FACE[randomInt(FACE.length)] as ActionKind];
  if (count === 2 && randomInt(2) === 1) actions.reverse();
  return { actions, validateData: actions.map((a) => CODE[a]).join(',') };
}
