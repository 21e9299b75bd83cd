// The service logos (scripts/post-build.mjs calls this): only the Simple Icons the catalogue draws
// (`icon: Some("slug")` in src/catalogue/data.rs), taken from the npm package simple-icons (CC0,
// the exact version in package.json), written as one same-origin file, service-icons.json, a JSON
// object from slug to SVG path data (24×24). The app fetches it after the list first shows; the
// service worker keeps it with the rest of the build. Nothing is fetched from a third party.
import fs from 'node:fs';
import path from 'node:path';

export const ICONS_FILE = 'service-icons.json';

/** The slugs the catalogue names, sorted, once each. */
export function catalogueSlugs(source) {
  const data = fs.readFileSync(path.join(source, 'src', 'catalogue', 'data.rs'), 'utf8');
  return [...new Set([...data.matchAll(/\bicon:\s*Some\("([a-z0-9]+)"\)/g)].map((m) => m[1]))].sort();
}

/** Writes service-icons.json into `staging`; returns its name and size. Throws on a slug Simple Icons lacks. */
export function writeServiceIcons({ source, staging }) {
  const icons = path.join(source, 'node_modules', 'simple-icons', 'icons');
  if (!fs.existsSync(icons)) throw new Error('node_modules/simple-icons is missing: run npm ci (scripts/setup-build.sh)');
  const out = {};
  for (const slug of catalogueSlugs(source)) {
    const file = path.join(icons, `${slug}.svg`);
    if (!fs.existsSync(file)) throw new Error(`src/catalogue/data.rs names the logo "${slug}", which simple-icons does not have`);
    const d = fs.readFileSync(file, 'utf8').match(/<path d="([^"]+)"/);
    if (!d || !/^[MmLlHhVvCcSsQqTtAaZzEe0-9.,\-+ ]+$/.test(d[1])) throw new Error(`simple-icons' ${slug}.svg is not one path`);
    out[slug] = d[1];
  }
  const body = JSON.stringify(out);
  fs.writeFileSync(path.join(staging, ICONS_FILE), body);
  return { name: ICONS_FILE, bytes: body.length, count: Object.keys(out).length };
}
