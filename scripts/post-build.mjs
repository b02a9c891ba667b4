// Trunk post-build hook, in order: the Content-Security-Policy goes into index.html and into a
// `_headers` file with the other security headers, then every asset is precompressed (so that
// index.html.br carries the policy too). Trunk runs the hooks of one stage at the same time,
// which is why this is one hook and not several.
import { addContentSecurityPolicy } from './build/content-security-policy.mjs';
import { writeHeadersFile } from './build/headers-file.mjs';
import { precompress } from './build/precompress.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run it from Trunk)');
  process.exit(1);
}
const { policy, scripts } = addContentSecurityPolicy(staging);
writeHeadersFile(staging, policy);
const compressed = precompress(staging);
console.log(`post-build: policy added with ${scripts} inline script hash(es); ${compressed} file(s) precompressed`);
