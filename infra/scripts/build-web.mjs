// npm run build:web [outDir] — builds the folder the Azure Static Web App serves (azure.yaml, service web, dist: web/dist):
// the pages of web/, the vendor libraries they load from /lib (from node_modules, pinned in package.json; never a CDN), and a
// config.js naming the function app's URL, so the pages call the API across origins (the function app's CORS allows the site).
// azd runs it before deploying the web service, after provisioning, with the template's outputs (SERVICE_API_URI) in the environment.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const web = join(root, 'web');
const out = resolve(process.argv[2] ?? join(web, 'dist'));

// Served at /lib/<name>: the one list DevHost serves from too (file name → path inside node_modules).
const vendorList = 'vendor-libraries.json';
const vendorLibraries = JSON.parse(readFileSync(join(web, vendorList), 'utf8'));

const apiUri = process.env.SERVICE_API_URI ?? '';
if (!/^https?:\/\/[^/]+/.test(apiUri)) {
  fail(`SERVICE_API_URI must be the function app's URL (an output of infra/main.bicep; azd sets it after provisioning), not '${apiUri}'.`);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// Entry by entry: the output may live inside web/ (web/dist), and a folder cannot be copied into itself.
for (const entry of readdirSync(web)) {
  const source = join(web, entry);
  if (source === out || entry === 'dist' || entry === vendorList) continue;
  cpSync(source, join(out, entry), { recursive: true });
}

mkdirSync(join(out, 'lib'), { recursive: true });
for (const [name, path] of Object.entries(vendorLibraries)) {
  const source = join(root, 'node_modules', ...path);
  if (!existsSync(source)) fail(`${source} is missing: run npm ci at the repository root first.`);
  cpSync(source, join(out, 'lib', name));
}

writeFileSync(
  join(out, 'config.js'),
  '// Written by npm run build:web for the Azure deployment: the pages call the function app across origins.\n' +
    `window.LIVESERVERLESS_CONFIG = { apiBase: ${JSON.stringify(apiUri.replace(/\/+$/, ''))} };\n`,
);
console.log(`web pages built into ${out} (API at ${apiUri})`);

function fail(message) {
  console.error(`build:web: ${message}`);
  process.exit(1);
}
