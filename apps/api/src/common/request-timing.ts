import type { NextFunction, Request, Response } from 'express';

/**
 * FLEXMEASURES_PROFILE_REQUESTS: every response says how long the server
 * worked on it, in a Server-Timing header that browsers' developer tools show.
 */
export function requestTiming(req: Request, res: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!this.headersSent) this.setHeader('Server-Timing', `total;dur=${ms.toFixed(1)}`);
    return writeHead.apply(this, args);
  } as Response['writeHead'];
  next();
}
