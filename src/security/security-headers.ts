import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * Helmet's headers with a Content-Security-Policy that Swagger UI and Bull Board still work under: their
 * scripts are served from here (no inline script), their styles are partly inline. No
 * `upgrade-insecure-requests`: the service is often reached over plain HTTP on a private network, where
 * that directive would make the browser ask for assets over an HTTPS port that nobody serves.
 */
function configuredHelmet(): ReturnType<typeof helmet> {
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

/**
 * The headers helmet sets, read once by running it against a stand-in response. Our CSP has no directive
 * computed per request (no nonce function), so they are the same on every answer, and helmet's chain of a
 * dozen nested middlewares cost about a fifteenth of the CPU of a dispatch.
 */
export function recordHelmetHeaders(middleware = configuredHelmet()): HeaderList {
  const headers: Array<[string, string]> = [];
  const response = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => undefined,
  };
  let finished = false;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not set its headers synchronously');
  return headers;
}

/** Helmet's headers as one object, for answers given before hooks run. */
export function securityHeaderObject(): Record<string, string> {
  return Object.fromEntries(recordHelmetHeaders());
}

/** Sets helmet's headers on every answer of the instance, error and 404 answers included. */
export function useSecurityHeaders(instance: FastifyInstance, headers = securityHeaderObject()): void {
  instance.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
