// Service worker: keeps the app shell so the app opens, unlocks and shows backup codes with no
// network. The build (scripts/post-build.mjs) fills in VERSION and SHELL; every build gets its
// own cache.
//
// A deploy never breaks an open tab. A tab runs one build from its first file to its last: the
// page names its parts and workers by hashed names, and those are loaded on first use, maybe
// hours later. So a new worker never takes over by itself (no skipWaiting, which would also
// make it delete the caches those tabs still need): the browser activates it once no tab is left
// under the previous one, and only then are the older builds' caches deleted. Until then the
// active worker answers every tab from whichever cache holds the file asked for (the names carry
// a hash, so one name is one content), and the page says that a new version is ready (it asks
// the waiting worker for its VERSION, below). A reload online gets the new page from the network;
// offline, the newest complete build in the caches.
//
// It never caches or answers the clock-sync requests: they are HEAD (or GET with `time-sync` in
// the query, sent with cache: "no-store") and always go to the network.
const VERSION = '__VERSION__';
const PREFIX = 'authenticator-shell-';
const CACHE = PREFIX + VERSION;
const SHELL = __SHELL__;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

// Activated only when no tab uses the previous worker (or there was none): no page needs the
// older caches any more. Pages opened before any worker existed are taken over at once, so the
// first visit already works offline.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page asks which build a waiting worker holds, to offer a reload only for another one.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'version' && event.ports[0]) event.ports[0].postMessage(VERSION);
});

function isTimeSync(request, url) {
  return request.method !== 'GET' || request.cache === 'no-store' || url.searchParams.has('time-sync');
}

// The shell's page of the newest complete build (cache names are kept in the order they were
// created; `addAll` stores a build's files all at once, so a cache with the page has them all).
async function newestPage() {
  const keys = (await caches.keys()).filter((k) => k.startsWith(PREFIX)).reverse();
  for (const name of keys) {
    const hit = await caches.match('/index.html', { cacheName: name });
    if (hit) return hit;
  }
  return Response.error();
}

// This build's copy first (for the few names without a hash, such as the icons), then any
// build's: a page of another build asks for its own hashed files.
async function cached(request) {
  return (await caches.match(request, { cacheName: CACHE })) || (await caches.match(request)) || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isTimeSync(request, url)) return; // network only
  if (request.mode === 'navigate') {
    // Network first, so a reload picks up a new version as soon as it is online; the shell offline.
    event.respondWith(fetch(request).catch(() => newestPage()));
    return;
  }
  event.respondWith(cached(request));
});
