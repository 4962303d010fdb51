#!/usr/bin/env node
// Builds the hosted verification page into packages/verify-page/dist/:
//   dist/index.html                 served at /verify/:token
//   dist/assets/verify.{js,css}     the page (bundled with the web SDK)
//   dist/assets/web-sdk.js          the web SDK as a standalone ESM bundle (for merchant pages)
//   dist/assets/human/human.esm.js  Human (loaded on demand by the SDK; kept out of the page bundle)
//   dist/assets/models/             blazeface, facemesh, iris (json + bin)
//   dist/assets/wasm/               tfjs wasm backend binaries
//   dist/build-info.json            sizes (raw + gzip) of what was built
// Everything is served from our own origin: no CDN. Run by the root `prepare` script and by the e2e tests.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const sdkPkg = resolve(pkg, '../web-sdk');
const dist = join(pkg, 'dist');
const assets = join(dist, 'assets');
const require = createRequire(join(sdkPkg, 'package.json'));

// Human's exports map has no ./package.json; its main entry lives in dist/.
const humanDir = resolve(dirname(require.resolve('@vladmandic/human')), '..');
const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
const MODELS = ['blazeface', 'facemesh', 'iris'];
const WASM = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];

const started = Date.now();
rmSync(dist, { recursive: true, force: true });
for (const d of ['human', 'models', 'wasm']) mkdirSync(join(assets, d), { recursive: true });

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Human is loaded at run time from assets/human/ by a dynamic import with a computed URL.
  external: ['@vladmandic/human'],
};
await build({ ...common, entryPoints: { verify: join(pkg, 'src/main.ts') }, outdir: assets });
await build({ ...common, entryPoints: { verify: join(pkg, 'src/styles.css') }, outdir: assets });
await build({ ...common, entryPoints: { 'web-sdk': join(sdkPkg, 'src/index.ts') }, outdir: assets });

copyFileSync(join(pkg, 'src/index.html'), join(dist, 'index.html'));
copyFileSync(join(humanDir, 'dist/human.esm.js'), join(assets, 'human/human.esm.js'));
for (const m of MODELS)
  for (const ext of ['json', 'bin'])
    copyFileSync(join(humanDir, 'models', `${m}.${ext}`), join(assets, 'models', `${m}.${ext}`));
for (const w of WASM) copyFileSync(join(wasmDir, w), join(assets, 'wasm', w));

const size = (rel) => {
  const buf = readFileSync(join(dist, rel));
  return { bytes: statSync(join(dist, rel)).size, gzip: gzipSync(buf, { level: 9 }).length };
};
const info = {
  builtAt: new Date().toISOString(),
  files: Object.fromEntries(
    ['assets/verify.js', 'assets/verify.css', 'assets/web-sdk.js', 'assets/human/human.esm.js'].map((f) => [
      f,
      size(f),
    ]),
  ),
};
writeFileSync(join(dist, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);
const page = info.files['assets/verify.js'];
console.log(
  `verify-page: built dist/ in ${Date.now() - started} ms (page script ${(page.gzip / 1024).toFixed(1)} KB gzip, ${(page.bytes / 1024).toFixed(1)} KB raw)`,
);
