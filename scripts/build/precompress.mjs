// Writes the brotli (quality 11) and gzip (level 9) form of each text and wasm asset beside it,
// as `name.br` and `name.gz`, for a static server to send by Accept-Encoding.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = new Set(['.wasm', '.js', '.css', '.html', '.svg', '.json', '.webmanifest']);

/** Compresses every compressible file in `folder`; returns how many files it compressed. */
export function precompress(folder) {
  const names = readdirSync(folder).filter((name) => COMPRESSIBLE.has(path.extname(name)));
  for (const name of names) {
    const file = path.join(folder, name);
    const data = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
    );
    writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
  }
  return names.length;
}
