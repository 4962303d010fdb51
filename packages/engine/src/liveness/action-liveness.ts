import type { Finding, FindingKind } from '@open-ekyc/contract';
import { ACTION_KINDS, detectActionEvents, type ActionEvent, type ActionKind } from './action-signals.js';
import type { LivenessOutcome, TimelineEntry, TrackSample } from './types.js';

export interface ActionChallenge {
  readonly actions: readonly ActionKind[];
}

export interface ActionOptions {
  /** Longest wait for the next action after the previous one (or the start). */
  readonly maxGapSeconds?: number;
}

const VENDOR_CODES: Record<string, ActionKind> = {
  '1': 'open_mouth',
  '2': 'blink',
  '3': 'nod',
  '4': 'shake',
};

/** Vendor ValidateData ("4,2": shake then blink; spec CompareFaceLiveness) → actions; null if invalid. */
export function parseValidateData(value: string): ActionKind[] | null {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 3) return null;
  const actions = parts.map(
    (p) => VENDOR_CODES[p] ?? ((ACTION_KINDS as readonly string[]).includes(p) ? (p as ActionKind) : null),
  );
  return actions.every((a): a is ActionKind => a !== null) ? actions : null;
}

const MISSING: Record<ActionKind, FindingKind> = {
  blink: 'action_blink_missing',
  open_mouth: 'action_mouth_missing',
  turn_left: 'action_turn_missing',
  turn_right: 'action_turn_missing',
  shake: 'action_turn_missing',
  nod: 'action_nod_missing',
};

/**
 * The requested actions must appear in order: each one starts after the previous one started,
 * within `maxGapSeconds`. A still photo or a loop shows no events, so it fails at the first action.
 * The challenge is chosen by the server per session, so a recording made for another challenge
 * shows the wrong actions or the wrong order.
 */
export function analyzeActions(
  samples: readonly TrackSample[],
  challenge: ActionChallenge,
  options: ActionOptions = {},
): LivenessOutcome {
  const maxGap = options.maxGapSeconds ?? 8;
  const events = detectActionEvents(samples);
  const timeline: TimelineEntry[] = [];
  for (const kind of ACTION_KINDS) {
    if (kind === 'shake') continue; // shake is a view of the turn events
    for (const e of events[kind]) timeline.push({ t: e.start, end: e.end, kind, value: round(e.peak) });
  }
  timeline.sort((a, b) => a.t - b.t);
  const scores: Record<string, number> = { actionsRequested: challenge.actions.length, actionsFound: 0 };
  for (const kind of ACTION_KINDS) scores[`events_${kind}`] = events[kind].length;
  const findings: Finding[] = [];
  let cursor = samples.find((s) => s.face)?.t ?? 0;
  let previousStart = -Infinity;
  for (const [i, action] of challenge.actions.entries()) {
    const next = events[action].find(
      (e: ActionEvent) => e.start > previousStart && e.start >= cursor - 0.5 && e.start - cursor <= maxGap,
    );
    if (next) {
      scores.actionsFound = i + 1;
      previousStart = next.start;
      // A user may start the next action while relaxing from this one (mouth closing, head returning).
      cursor = Math.max(next.start, next.peakT);
      continue;
    }
    // Order is wrong when the action did happen, but before the previous one; too late is missing.
    const early = events[action].find((e) => e.start <= previousStart);
    const specific: Finding = {
      kind: MISSING[action],
      atSeconds: cursor,
      detail: `${action} not found within ${maxGap} s after ${cursor.toFixed(2)} s`,
    };
    if (early && i > 0)
      findings.push({
        kind: 'action_order_wrong',
        atSeconds: early.start,
        detail: `${action} happened, but not after ${challenge.actions[i - 1]}`,
      });
    else if (i === 0)
      findings.push({ kind: 'action_first_missing', detail: `${action} not found` }, specific);
    else findings.push(specific);
    break;
  }
  return { passed: findings.length === 0, findings, scores, timeline };
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
