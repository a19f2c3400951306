// Bundles the live map into ../src/main/resources/webroot so that the server serves it from its jar and a Maven
// build needs no Node. Run `npm ci && npm run build` after changing anything under src/ or index.html, and commit
// the result.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'main', 'resources', 'webroot');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { map: join(here, 'src', 'main.js') },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15'],
  outdir: out,
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'images/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
});
await copyFile(join(here, 'index.html'), join(out, 'index.html'));
console.log(`live map bundled into ${out}`);
