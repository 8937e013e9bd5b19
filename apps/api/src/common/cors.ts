import type { PlatformConfig } from '@flexmeasures/config';
import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** CORS on the paths of CORS_RESOURCES only, for the origins of CORS_ORIGINS. */
export function corsForResources(settings: PlatformConfig['security']['cors']): RequestHandler {
  const patterns = settings.resources.map(toRegExp);
  const handler = cors({
    origin: settings.origins.includes('*') ? '*' : [...settings.origins],
    credentials: settings.supportsCredentials,
  });
  return (req: Request, res: Response, next: NextFunction) =>
    patterns.some((pattern) => pattern.test(req.path)) ? handler(req, res, next) : next();
}

/** `/api/*` → any path under /api; a pattern starting with ^ is taken as a regular expression. */
function toRegExp(resource: string): RegExp {
  if (resource.startsWith('^')) return new RegExp(resource);
  const escaped = resource.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}
