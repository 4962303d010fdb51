import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadVideo } from './load-video.js';
import { parseProbe } from './probe-video.js';
import { outputSize } from './decode-frames.js';
import { ffmpegMake, patternVideo } from './test-videos.js';

const opts = { fps: 8, maxWidth: 640 };

describe('loadVideo', () => {
  it('decodes H.264 MP4 into timed RGB frames', async () => {
    const v = await loadVideo(patternVideo({ seconds: 3, width: 320, height: 240 }), opts);
    expect(v.findings).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.probe?.codec).toBe('h264');
    expect(v.probe?.hasAudio).toBe(false);
    expect(v.frames.length).toBeGreaterThanOrEqual(23);
    expect(v.frames.length).toBeLessThanOrEqual(25);
    const f = v.frames[5]!;
    expect(f.t).toBeCloseTo(5 / 8, 5);
    expect(f.image.width).toBe(320);
    expect(f.image.data.length).toBe(320 * 240 * 3);
    expect(v.durationSeconds).toBeCloseTo(3, 0);
  });

  it('decodes WebM VP8 and VP9 and scales down to maxWidth', async () => {
    for (const codec of ['vp8', 'vp9'] as const) {
      const v = await loadVideo(patternVideo({ seconds: 2.5, width: 640, height: 480, codec }), {
        fps: 4,
        maxWidth: 320,
      });
      expect(v.ok, codec).toBe(true);
      expect(v.probe?.codec).toBe(codec);
      expect(v.frames[0]!.image.width).toBe(320);
      expect(v.frames[0]!.image.height).toBe(240);
    }
  });

  it('reports empty, garbage and truncated input as findings, never throws', async () => {
    expect((await loadVideo(new Uint8Array(0), opts)).findings[0]?.kind).toBe('video_empty');
    expect((await loadVideo(randomBytes(50_000), opts)).findings[0]?.kind).toBe('video_decode_failed');
    const mp4 = patternVideo({ seconds: 3 });
    // Without faststart the index (moov) is at the end: half a file has no index at all.
    const half = await loadVideo(mp4.subarray(0, Math.floor(mp4.length / 2)), opts);
    expect(half.ok).toBe(false);
    expect(half.findings[0]?.kind).toBe('video_decode_failed');
  });

  it('judges duration, size and resolution limits', async () => {
    const long = await loadVideo(patternVideo({ seconds: 21, fps: 2, width: 320, height: 240 }), opts);
    expect(long.findings[0]?.kind).toBe('video_too_long');
    const short = await loadVideo(patternVideo({ seconds: 1 }), opts);
    expect(short.findings[0]?.kind).toBe('video_too_short');
    const large = await loadVideo(patternVideo({ seconds: 3 }), { ...opts, limits: { maxBytes: 1000 } });
    expect(large.findings[0]?.kind).toBe('video_too_large');
    const small = await loadVideo(patternVideo({ seconds: 3, width: 160, height: 120 }), opts);
    expect(small.findings[0]?.kind).toBe('video_low_resolution');
  });

  it('measures the duration of a WebM without a recorded duration (MediaRecorder style)', async () => {
    // Piped WebM output cannot seek back to write the duration, like MediaRecorder uploads.
    const webm = ffmpegMake(
      [
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=320x240:rate=10:duration=22',
        '-c:v',
        'libvpx',
        '-deadline',
        'realtime',
        '-f',
        'webm',
        '-live',
        '1',
        'OUT',
      ],
      'webm',
    );
    const v = await loadVideo(webm, { fps: 2, maxWidth: 320 });
    expect(v.findings[0]?.kind).toBe('video_too_long');
  });

  it('reports a missing file and a wrong ffmpeg path instead of throwing', async () => {
    expect((await loadVideo('/nonexistent/video.mp4', opts)).findings[0]?.kind).toBe('video_decode_failed');
    const wrong = await loadVideo(patternVideo({ seconds: 3 }), {
      ...opts,
      ffmpegPath: '/nonexistent/ffmpeg',
    });
    expect(wrong.findings[0]?.kind).toBe('engine_error');
  });

  it('kills ffmpeg at the time limit', async () => {
    const v = await loadVideo(patternVideo({ seconds: 3 }), { ...opts, limits: { timeoutMs: 1 } });
    expect(v.findings[0]?.kind).toBe('engine_timeout');
  });

  it('extracts mono 16 kHz audio when asked', async () => {
    const tone = await loadVideo(patternVideo({ seconds: 3, audio: 'sine=frequency=440' }), {
      ...opts,
      withAudio: true,
    });
    expect(tone.probe?.hasAudio).toBe(true);
    expect(tone.audio?.sampleRate).toBe(16_000);
    expect(tone.audio!.samples.length).toBeGreaterThan(16_000 * 2.5);
    const peak = tone.audio!.samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
    expect(peak).toBeGreaterThan(0.05);
    const mute = await loadVideo(patternVideo({ seconds: 3 }), { ...opts, withAudio: true });
    expect(mute.audio).toBeNull();
  });
});

describe('parseProbe', () => {
  it('swaps width and height for rotated phone videos and tolerates a missing duration', () => {
    const stderr = [
      "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x':",
      '  Duration: N/A, start: 0.000000, bitrate: N/A',
      '  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 1280x720, 4000 kb/s, 29.97 fps, 30 tbr',
      '    Side data:',
      '      displaymatrix: rotation of -90.00 degrees',
      '  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, mono',
    ].join('\n');
    const p = parseProbe(stderr)!;
    expect(p).toMatchObject({
      width: 720,
      height: 1280,
      rotationDeg: -90,
      durationSeconds: null,
      hasAudio: true,
      codec: 'h264',
      fps: 29.97,
    });
    expect(parseProbe('Invalid data found when processing input')).toBeNull();
  });

  it('keeps output sizes even and within maxWidth', () => {
    expect(outputSize(1920, 1080, 640)).toEqual({ width: 640, height: 360 });
    expect(outputSize(481, 641, 640)).toEqual({ width: 480, height: 640 });
  });
});
