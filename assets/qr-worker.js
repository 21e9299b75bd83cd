// QR decoding off the page: runs its own small WebAssembly module (workers/qr: the app's pure
// `qr_decode_luma`, nothing else, so the page's module carries no QR decoder) in a worker, so a picture that makes the QR library abort ends only this worker, never the app.
// The build (scripts/post-build.mjs) fills in the module's hashed file names and names this file
// by a hash of the result; the page starts the worker its own index.html names, so the worker
// and its module are always the page's build, whatever a deploy or a cache did meanwhile.
import init, { qr_decode_luma } from '__JS__';

const ready = init({ module_or_path: '__WASM__' });

self.onmessage = async (event) => {
  try {
    await ready;
    const { width, height, luma } = event.data;
    self.postMessage(qr_decode_luma(width, height, luma));
  } catch {
    // The module aborted (a trap leaves it unusable): say so; the page starts a fresh worker.
    self.postMessage(null);
  }
};
