import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/** The dashboard build, beside this app in the repository and in the image. */
export function dashboardDir(): string {
  return path.resolve(__dirname, '..', '..', '..', 'dashboard', 'dist');
}

/**
 * Serves the built dashboard at / with its client-side routes (any GET
 * outside /api that asks for HTML and names no file gets index.html, so deep
 * links such as /assets/12 or /reset-password?token=… open the page). Hashed assets are cached
 * for a year; index.html never, so a deploy shows at once.
 */
export function serveDashboard(app: NestExpressApplication, dir = dashboardDir()): boolean {
  const index = path.join(dir, 'index.html');
  const built = fs.existsSync(index);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (isApiPath(req.path)) return next();
    if (!built) {
      if (req.path !== '/') return next();
      res.status(404).type('text/plain').send('The dashboard has not been built yet: run `npm run build` (npm start does this for you).');
      return;
    }
    return next();
  });
  if (!built) return false;
  app.use(
    express.static(dir, {
      index: false,
      // /assets is a page of the dashboard as well as the build's asset folder: no directory redirects.
      redirect: false,
      setHeaders: (res, file) =>
        res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    // A path with a file extension is a missing file, not a page: 404, not index.html.
    const looksLikeFile = /\.[A-Za-z0-9]+$/.test(req.path);
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') && !isApiPath(req.path) && !looksLikeFile && req.accepts('html') === 'html';
    if (!isPage) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
