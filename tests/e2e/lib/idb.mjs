// Reads and writes the app's IndexedDB record from inside the page, as the test's eyes.
export async function readRecord(page) {
  return page.evaluate(async () => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('authenticator'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const tx = db.transaction('vault', 'readonly');
    const value = await new Promise((res) => { const r = tx.objectStore('vault').get('main'); r.onsuccess = () => res(r.result); });
    db.close();
    return value ? Array.from(value) : null;
  });
}

export async function writeRecord(page, bytes) {
  await page.evaluate(async (bytes) => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('authenticator'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const tx = db.transaction('vault', 'readwrite');
    tx.objectStore('vault').put(new Uint8Array(bytes), 'main');
    await new Promise((res) => { tx.oncomplete = res; });
    db.close();
  }, bytes);
}

/** Everything the page keeps in IndexedDB (all databases, all stores), localStorage and sessionStorage, as text and hex. */
export async function dumpStorage(page) {
  return page.evaluate(async () => {
    const out = [];
    const toText = (v) => {
      if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
        const b = new Uint8Array(v);
        return new TextDecoder('latin1').decode(b) + ' ' + Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      }
      return JSON.stringify(v);
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise((res, rej) => { const r = indexedDB.open(info.name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      for (const name of db.objectStoreNames) {
        const tx = db.transaction(name, 'readonly');
        const [keys, values] = await Promise.all([
          new Promise((res) => { const r = tx.objectStore(name).getAllKeys(); r.onsuccess = () => res(r.result); }),
          new Promise((res) => { const r = tx.objectStore(name).getAll(); r.onsuccess = () => res(r.result); }),
        ]);
        keys.forEach((k, i) => out.push(`${info.name}/${name}/${k}: ${toText(values[i])}`));
      }
      db.close();
    }
    for (const [k, v] of Object.entries(localStorage)) out.push(`localStorage ${k}=${v}`);
    for (const [k, v] of Object.entries(sessionStorage)) out.push(`sessionStorage ${k}=${v}`);
    return out.join('\n');
  });
}
