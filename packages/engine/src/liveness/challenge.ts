import { parseValidateData } from './action-liveness.js';
import type { ActionKind } from './action-signals.js';
import { parseReflectSequence, type ReflectSequence } from './reflect-sequence.js';

export type LivenessMode = 'silent' | 'action' | 'reflection' | 'lip';
export const LIVENESS_MODES: readonly LivenessMode[] = ['silent', 'action', 'reflection', 'lip'];

/** What the server chose for the session; strings are the vendor/compact forms. */
export interface VideoChallenge {
  /** Action mode: ValidateData ("4,2") or action names. */
  readonly actions?: string | readonly ActionKind[];
  /** Reflection mode: the sequence or its serialised form, and when the page showed it. */
  readonly sequence?: string | ReflectSequence;
  readonly startSeconds?: number;
  /** Lip mode: the 4 digits. */
  readonly digits?: string;
}

export type ResolvedChallenge =
  | { mode: 'silent' }
  | { mode: 'action'; actions: ActionKind[] }
  | { mode: 'reflection'; sequence: ReflectSequence; startSeconds?: number }
  | { mode: 'lip'; digits: string };

/** Validates the challenge for a mode (it crosses a thread boundary); a string error when unusable. */
export function resolveChallenge(
  mode: LivenessMode,
  c: VideoChallenge | undefined,
): ResolvedChallenge | string {
  switch (mode) {
    case 'silent':
      return { mode };
    case 'action': {
      const actions =
        typeof c?.actions === 'string' ? parseValidateData(c.actions) : c?.actions ? [...c.actions] : null;
      return actions && actions.length > 0 ? { mode, actions } : 'action mode needs a valid action sequence';
    }
    case 'reflection': {
      const sequence =
        typeof c?.sequence === 'string' ? parseReflectSequence(c.sequence) : (c?.sequence ?? null);
      if (!sequence) return 'reflection mode needs a colour sequence';
      return c?.startSeconds === undefined
        ? { mode, sequence }
        : { mode, sequence, startSeconds: c.startSeconds };
    }
    case 'lip':
      return c?.digits && /^\d{4}$/.test(c.digits) ? { mode, digits: c.digits } : 'lip mode needs 4 digits';
  }
}
