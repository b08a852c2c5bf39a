// The web interface's static files, read once at start from assets/ and served with a long cache lifetime (their
// names would change with their content if they ever changed within a release). No CDN: everything is served here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { WebEnv } from './webEnv.ts';

export const ASSET_PATH = '/assets';
const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

export function addAssets(app: Hono<WebEnv>): void {
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const name of fs.readdirSync(DIR)) {
    const type = TYPES[path.extname(name)];
    if (type) files.set(name, { type, body: fs.readFileSync(path.join(DIR, name)) });
  }
  app.get(`${ASSET_PATH}/:name`, (c) => {
    const f = files.get(c.req.param('name'));
    if (!f) return c.text('Not found', 404);
    return c.body(new Uint8Array(f.body), 200, { 'Content-Type': f.type, 'Cache-Control': 'public, max-age=3600' });
  });
}
