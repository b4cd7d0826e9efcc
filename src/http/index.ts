// The process's one HTTP server; channels register their routes on it.

// The server
export { createHttpServer, DEFAULT_BODY_LIMIT_BYTES, type HttpServerOptions } from './server.ts';

// Starting it
export { listen } from './listen.ts';
