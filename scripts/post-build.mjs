// Trunk post-build hook, in order: the Content-Security-Policy goes into index.html, the names
// between each wasm and its JS glue are shortened, the scripts and the stylesheet are minified,
// the integrity hashes in index.html follow the rewritten files, the service worker is written
// with the list of this build's files, every asset is precompressed (so that index.html.br
// carries the policy too), and the hosts' header files are written with the policy. Trunk runs
// the hooks of one stage at the same time, which is why this is one hook and not several.
import { addContentSecurityPolicy } from './build/content-security-policy.mjs';
import { writeHeadersFile } from './build/headers-file.mjs';
import { refreshIntegrity } from './build/integrity.mjs';
import { minify } from './build/minify.mjs';
import { precompress } from './build/precompress.mjs';
import { writeServiceWorker } from './build/service-worker.mjs';
import { shortenBindingNames } from './build/short-binding-names.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run it from Trunk)');
  process.exit(1);
}
const { policy, scripts } = addContentSecurityPolicy(staging);
const shortened = shortenBindingNames(staging);
const minified = minify(staging);
refreshIntegrity(staging);
const offline = writeServiceWorker(staging);
const compressed = precompress(staging);
writeHeadersFile(staging, policy);
console.log(
  `post-build: policy added with ${scripts} inline script hash(es); binding names shortened for ` +
    `${shortened} wasm file(s); ${minified} file(s) minified; service worker of build ` +
    `${offline.build} precaches ${offline.files} file(s); ${compressed} file(s) precompressed`,
);
