import { CAPTURE_TIMELINE_MAX_HEADER_BYTES, CaptureTimelineSchema } from '@open-ekyc/contract';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { TIMELINE_MAX_HEADER_BYTES, TimelineRecorder, decodeTimeline, encodeTimeline } from './timeline.js';

const client = { userAgent: 'test-agent/1.0', width: 320, height: 240, fps: 15 };

describe('TimelineRecorder', () => {
  it('stamps events relative to recording start and ignores events before it', () => {
    let now = 1000;
    const tl = new TimelineRecorder(() => now);
    tl.add('prompt', 'ignored');
    tl.start(1_700_000_000_000, 1000);
    now = 1250.26;
    tl.add('color', '#ff0000');
    tl.add('color', '#00ff00', 1600);
    const built = tl.build('camera', client);
    expect(built.startedAt).toBe(1_700_000_000_000);
    expect(built.events).toEqual([
      { t: 250.3, type: 'color', value: '#ff0000' },
      { t: 600, type: 'color', value: '#00ff00' },
    ]);
    expect(Value.Check(CaptureTimelineSchema, built)).toBe(true);
  });
});

describe('encodeTimeline', () => {
  it('round-trips through base64url (no +, / or = in the header) including non-ASCII', () => {
    const tl = {
      startedAt: 1,
      source: 'camera' as const,
      events: [{ t: 0, type: 'prompt' as const, value: 'hold' }],
      client: { ...client, userAgent: 'Mozilla/5.0 (日本語) ~~~???>>>' },
    };
    const header = encodeTimeline(tl);
    expect(header).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTimeline(header)).toEqual(tl);
  });

  it('stays under the header limit by dropping face hints first, keeping colour events', () => {
    const events = [
      ...Array.from({ length: 300 }, (_, i) => ({
        t: i * 10,
        type: 'face' as const,
        value: i % 2 ? 'ok' : 'too_far',
      })),
      ...Array.from({ length: 8 }, (_, i) => ({
        t: 5000 + i * 300,
        type: 'color' as const,
        value: '#112233',
      })),
    ];
    const header = encodeTimeline({ startedAt: 1, source: 'camera', events, client }, 4000);
    expect(header.length).toBeLessThanOrEqual(4000);
    const back = decodeTimeline(header) as { events: { type: string }[] };
    expect(back.events.filter((e) => e.type === 'color')).toHaveLength(8);
    expect(back.events.filter((e) => e.type === 'face').length).toBeLessThan(300);
  });

  it('uses the contract header limit', () => {
    expect(TIMELINE_MAX_HEADER_BYTES).toBe(CAPTURE_TIMELINE_MAX_HEADER_BYTES);
  });
});
