// Key derivation off the page: runs its own small WebAssembly module (workers/kdf: the app's pure
// `kdf_argon2id`, `kdf_scrypt`, `kdf_import_argon2id`, `kdf_pbkdf2_sha1` and `kdf_pbkdf2_sha512`,
// nothing else, so the page's module carries no KDF) in a worker, so unlocking, creating
// a vault, changing the passphrase, restoring a backup and opening an encrypted export (Aegis,
// Ente Auth, Proton Authenticator, Stratum, andOTP, FreeOTP 2) never freeze the page, and Cancel can
// end the work at once (the page terminates this worker). The build (scripts/post-build.mjs)
// fills in the module's hashed file names and names this file by a hash of the result; the page
// starts the worker its own index.html names, so the worker and its module are always the page's
// build, whatever a deploy or a cache did meanwhile.
import init, { kdf_argon2id, kdf_import_argon2id, kdf_pbkdf2_sha1, kdf_pbkdf2_sha512, kdf_scrypt } from '__JS__';

const ready = init({ module_or_path: '__WASM__' });

// Every answer carries the number of the question it answers, so the page matches them up.
self.onmessage = async (event) => {
  const m = event.data;
  let key = null;
  try {
    await ready;
    switch (m.kind) {
      case 'scrypt': key = kdf_scrypt(m.secret, m.salt, m.logN, m.r, m.p); break;
      case 'importArgon2id': key = kdf_import_argon2id(m.secret, m.salt, m.memory, m.iterations, m.parallelism); break;
      case 'pbkdf2sha1': key = kdf_pbkdf2_sha1(m.secret, m.salt, m.iterations); break;
      case 'pbkdf2sha512': key = kdf_pbkdf2_sha512(m.secret, m.salt, m.iterations); break;
      default: key = kdf_argon2id(m.secret, m.salt, m.memory, m.iterations, m.parallelism);
    }
  } catch {
    // The module aborted (out of memory leaves it unusable): say so; the page starts a fresh worker.
    key = null;
  } finally {
    m.secret.fill(0);
  }
  self.postMessage({ id: m.id, key: key ?? null }, key ? [key.buffer] : []);
};
