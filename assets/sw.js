// Service worker: keeps the app shell so the app opens, unlocks and shows backup codes with no
// network. The build (scripts/post-build.mjs) fills in VERSION and SHELL; every build
// gets its own cache, and activating a new version deletes the older ones.
//
// It never caches or answers the clock-sync requests: they are HEAD (or GET with `time-sync` in
// the query, sent with cache: "no-store") and always go to the network.
const VERSION = '__VERSION__';
const PREFIX = 'authenticator-shell-';
const CACHE = PREFIX + VERSION;
const SHELL = __SHELL__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isTimeSync(request, url) {
  return request.method !== 'GET' || request.cache === 'no-store' || url.searchParams.has('time-sync');
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isTimeSync(request, url)) return; // network only
  if (request.mode === 'navigate') {
    // Network first, so a new version is picked up as soon as it is online; the shell offline.
    event.respondWith(fetch(request).catch(() => caches.match('/index.html', { cacheName: CACHE })));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});
