import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

let cachedDefault: string | undefined;

/**
 * Which ffmpeg binary to run. An explicit path wins (config `EKYC_FFMPEG_PATH`, read in bin/).
 * Otherwise the system ffmpeg on PATH, when there is one: Debian's 5.x build is current and
 * LGPL/GPL-packaged by the OS, while the npm static binary is a 2018 GPLv3 build
 * (ml-stack-probe §1, §7). Last resort: `@ffmpeg-installer/ffmpeg`, so a fresh `npm install` works.
 */
export function resolveFfmpegPath(explicit?: string): string {
  if (explicit) return explicit;
  if (cachedDefault !== undefined) return cachedDefault;
  // spawnSync resolves the name through PATH for us, so src/ never reads the environment.
  const probe = spawnSync('ffmpeg', ['-hide_banner', '-version'], { stdio: 'ignore', timeout: 5_000 });
  if (probe.status === 0) {
    cachedDefault = 'ffmpeg';
  } else {
    const require = createRequire(import.meta.url);
    const installer = require('@ffmpeg-installer/ffmpeg') as { path: string };
    cachedDefault = installer.path;
  }
  return cachedDefault;
}
