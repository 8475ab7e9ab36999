import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's headers with a Content-Security-Policy that Swagger UI and Bull Board still work under: their
 * scripts are served from here (no inline script), their styles are partly inline. No
 * `upgrade-insecure-requests`: the service is often reached over plain HTTP on a private network, where
 * that directive would make the browser ask for assets over an HTTPS port that nobody serves.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
        fontSrc: ["'self'", 'data:', 'https://fonts.gstatic.com'],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // An API answers fetches from other origins' pages only through CORS, which stays off.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
