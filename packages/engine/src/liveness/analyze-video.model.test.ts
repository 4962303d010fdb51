import { beforeAll, describe, expect, it } from 'vitest';
import { createFaceAnalyzer } from '../faces/create-face-analyzer.js';
import type { FaceAnalyzer } from '../types.js';
import { concatVideos, imageRgb, sampleImagePath, stillPhotoVideo } from '../video/test-videos.js';
import { analyzeVideo } from './analyze-video.js';

// Runs the real models (Human + face-api on wasm): kept to a few short videos for CI time.
// The photo is a crop of one person from face-api's demo sample1.jpg (MIT), read from node_modules.
const PHOTO = { image: sampleImagePath(1), crop: '560:560:170:170' };
const OTHER = { image: sampleImagePath(1), crop: '720:720:1180:60' }; // another person, laughing (mouth open)

let analyzer: FaceAnalyzer;
beforeAll(async () => {
  analyzer = await createFaceAnalyzer();
}, 120_000);

describe('analyzeVideo with the real analyzer', () => {
  const stillWithTone = stillPhotoVideo({ ...PHOTO, seconds: 3, audio: 'sine=frequency=300' });

  it('fails a still photo presented as a video in silent mode, still returning a best frame and comparing it', async () => {
    const ref = imageRgb(PHOTO.image, PHOTO.crop, 400);
    const r = await analyzeVideo(stillWithTone, { mode: 'silent', referenceImage: ref }, { analyzer });
    expect(r.scores.faceFraction).toBe(1);
    expect(r.passed).toBe(false);
    expect(r.decidingFinding?.kind).toBe('liveness_below_threshold');
    expect(r.bestFrame?.image.width).toBe(480);
    expect(r.scores.referenceDistance).toBeLessThan(0.45);
    const other = await analyzeVideo(
      stillWithTone,
      { mode: 'silent', referenceImage: imageRgb(OTHER.image, OTHER.crop, 400) },
      { analyzer },
    );
    expect(other.findings.map((f) => f.kind)).toContain('similarity_low');
  });

  it('fails the same photo in action mode at the first action', async () => {
    const r = await analyzeVideo(
      stillWithTone,
      { mode: 'action', challenge: { actions: '2,4' } },
      { analyzer },
    );
    expect(r.decidingFinding?.kind).toBe('action_first_missing');
    expect(r.findings.map((f) => f.kind)).toContain('action_blink_missing');
  });

  it('fails an open-mouthed photo tilted back and forth in perspective (a planar spoof that moves)', async () => {
    const tilt = '50*sin(on/4)';
    const vf = `pad=600:600:60:60,perspective=x0=60:y0='60+${tilt}':x1=540:y1='60-${tilt}':x2=60:y2='540-${tilt}':x3=540:y3='540+${tilt}':sense=destination:eval=frame,crop=480:480:60:60`;
    const r = await analyzeVideo(
      stillPhotoVideo({ ...OTHER, seconds: 3, vf }),
      { mode: 'silent' },
      { analyzer },
    );
    expect(r.scores.rigidMotion).toBeGreaterThan(0.1);
    expect(r.decidingFinding?.kind).toBe('spoof_suspected');
  });

  it('notices a swap to another person mid-video', async () => {
    const a = stillPhotoVideo({ ...PHOTO, seconds: 1.5 });
    const b = stillPhotoVideo({ ...OTHER, seconds: 1.5 });
    const swapped = concatVideos(a, b);
    const r = await analyzeVideo(swapped, { mode: 'silent' }, { analyzer });
    expect(r.decidingFinding?.kind).toBe('face_changed');
  });

  it('lip mode: a tone with lips that never move, and a mute track', async () => {
    const toned = await analyzeVideo(
      stillWithTone,
      { mode: 'lip', challenge: { digits: '4821' } },
      { analyzer },
    );
    expect(toned.scores.audioLevelDbfs).toBeGreaterThan(-30);
    expect(toned.decidingFinding?.kind).toBe('lip_move_small');
    const mute = stillPhotoVideo({ ...PHOTO, seconds: 2.5, audio: 'anullsrc=r=16000:cl=mono' });
    const r = await analyzeVideo(mute, { mode: 'lip', challenge: { digits: '4821' } }, { analyzer });
    expect(r.decidingFinding?.kind).toBe('lip_no_audio');
  });
});
