export { resolveFfmpegPath } from './ffmpeg-path.js';
export { probeVideo, parseProbe, type VideoProbe } from './probe-video.js';
export { decodeFrames, outputSize, type DecodeFramesOptions } from './decode-frames.js';
export { extractAudio, AUDIO_SAMPLE_RATE } from './extract-audio.js';
export {
  loadVideo,
  DEFAULT_VIDEO_LIMITS,
  type LoadedVideo,
  type LoadVideoOptions,
  type VideoLimits,
} from './load-video.js';
export { runFfmpeg } from './run-ffmpeg.js';
