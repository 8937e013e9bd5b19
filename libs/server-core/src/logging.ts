import { PlatformConfig } from '@flexmeasures/config';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * JSON lines on stdout. Every request gets an id (the caller's X-Request-Id
 * when it looks sane, else a new one), echoed in the response and in every
 * log line of that request.
 */
export function loggerParams(config: PlatformConfig, identity: string): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      base: { process: identity },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
      redact: { paths: ['req.headers.authorization', `req.headers["${config.security.tokenHeader.toLowerCase()}"]`, 'req.headers.cookie'], censor: '***' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
