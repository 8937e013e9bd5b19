import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';

/**
 * Nest's own body parser answers parse errors outside our exception filter;
 * this one answers them as API messages: 413 with the limit, 400 for bad JSON.
 */
export function jsonBodyParser(limitBytes: number): RequestHandler {
  const parse = express.json({ limit: limitBytes });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const err = error as { type?: string; status?: number; message?: string };
      if (err.type === 'entity.too.large') {
        res.status(413).json({
          status: 'PAYLOAD_TOO_LARGE',
          message: `The request body is larger than the limit of ${formatBytes(limitBytes)}; send the data in smaller batches.`,
        });
        return;
      }
      if (err.type === 'entity.parse.failed') {
        res.status(400).json({ status: 'INVALID_JSON', message: `The request body is not valid JSON: ${err.message}` });
        return;
      }
      res.status(err.status && err.status < 500 ? err.status : 400).json({ status: 'BAD_REQUEST', message: err.message ?? 'Unreadable request body.' });
    });
  };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} bytes`;
}
