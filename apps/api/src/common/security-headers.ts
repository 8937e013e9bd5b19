import helmet from 'helmet';

/**
 * Security headers for the api and the dashboard. The content security policy
 * allows what the dashboard and Swagger UI load: own scripts, inline styles,
 * and Mapbox's tiles and workers.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'", 'https://api.mapbox.com'],
        imgSrc: ["'self'", 'data:', 'blob:', 'https://api.mapbox.com'],
        connectSrc: ["'self'", 'https://api.mapbox.com', 'https://events.mapbox.com'],
        workerSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}
