import type { CaptureSource, CaptureTimeline, TimelineEvent } from '@open-ekyc/contract';

/**
 * Same value as the contract's CAPTURE_TIMELINE_MAX_HEADER_BYTES (a test checks they agree). Browser code
 * imports only types from @open-ekyc/contract: a value import would bundle TypeBox and every schema.
 */
export const TIMELINE_MAX_HEADER_BYTES = 12_000;

type Clock = () => number;

/**
 * Collects what the page showed while recording, with times relative to recording start
 * (the MediaRecorder `start` event), for the X-Capture-Timeline header.
 */
export class TimelineRecorder {
  private events: TimelineEvent[] = [];
  private startPerf: number | undefined;
  private startedAtEpoch = 0;

  constructor(private readonly now: Clock = () => performance.now()) {}

  /** Marks recording start: `perfNow` on the same clock as later events, `epochMs` for the record. */
  start(epochMs: number, perfNow = this.now()): void {
    this.startPerf = perfNow;
    this.startedAtEpoch = epochMs;
    this.events = [];
  }

  get started(): boolean {
    return this.startPerf !== undefined;
  }

  /** ms since recording start for a time on the recorder's clock. */
  since(perfTime = this.now()): number {
    if (this.startPerf === undefined) return 0;
    return Math.max(0, Math.round((perfTime - this.startPerf) * 10) / 10);
  }

  add(type: TimelineEvent['type'], value: string, perfTime?: number): void {
    if (this.startPerf === undefined) return;
    this.events.push({ t: this.since(perfTime), type, value: value.slice(0, 64) });
  }

  list(): readonly TimelineEvent[] {
    return this.events;
  }

  build(source: CaptureSource, client: CaptureTimeline['client']): CaptureTimeline {
    return { startedAt: this.startedAtEpoch, source, events: [...this.events], client };
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * base64url(JSON) for the header, kept under TIMELINE_MAX_HEADER_BYTES: when too long,
 * `face` events go first (they are hints), then the oldest of the rest; colour and prompt
 * events are what the server needs, so they are dropped last.
 */
export function encodeTimeline(timeline: CaptureTimeline, maxBytes = TIMELINE_MAX_HEADER_BYTES): string {
  const enc = new TextEncoder();
  let events = [...timeline.events];
  for (;;) {
    const out = toBase64Url(enc.encode(JSON.stringify({ ...timeline, events })));
    if (out.length <= maxBytes || events.length === 0) return out;
    const face = events.findIndex((e) => e.type === 'face');
    events = face >= 0 ? events.filter((_, i) => i !== face) : events.slice(1);
  }
}

export function decodeTimeline(header: string): unknown {
  return JSON.parse(new TextDecoder().decode(fromBase64Url(header)));
}
