// The page's service worker, written into each build by scripts/build/service-worker.mjs, which
// puts the build's id and its files where BUILD_FILES stands. It precaches exactly those files
// (the page under its folder's address), answers them from the cache, and deletes the caches of
// older builds when it takes over (which it does only when the page asks, after the user chose
// "Reload"). It answers nothing else: API calls, sign-in, other origins, other methods and the
// page's return from sign-in pass through untouched, and nothing of them is ever stored.
const { build, files } = BUILD_FILES;
const CACHE = `playground-${build}`;
const scope = new URL(self.registration.scope);
/** Each file's address; the page is kept under its folder's, the address people open. */
const precached = new Set(files.map((file) => new URL(file === 'index.html' ? './' : file, scope).href));
/** Query parameters of the page's return from the sign-in page. */
const SIGN_IN = ['code', 'state', 'error', 'error_description'];

self.addEventListener('install', (event) => {
  const fresh = [...precached].map((url) => new Request(url, { cache: 'no-cache' }));
  event.waitUntil(
    (async () => {
      await (await caches.open(CACHE)).addAll(fresh);
      // An update: the pages of the older build say that a new version is ready.
      if (self.registration.active) {
        const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
        for (const page of pages) page.postMessage('new-version');
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const older = (await caches.keys()).filter((key) => key.startsWith('playground-') && key !== CACHE);
      await Promise.all(older.map((key) => caches.delete(key)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || SIGN_IN.some((name) => url.searchParams.has(name))) return;
  url.search = '';
  url.hash = '';
  const key = url.href === new URL('index.html', scope).href ? scope.href : url.href;
  if (!precached.has(key)) return;
  event.respondWith(caches.match(key, { cacheName: CACHE }).then((kept) => kept ?? fetch(request)));
});
