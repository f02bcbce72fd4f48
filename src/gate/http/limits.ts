import type { Server, ServerOptions } from 'node:http';
import type { Config } from '../config.ts';

type Limits = Pick<
  Config,
  | 'HTTP_HEADERS_TIMEOUT_SECONDS'
  | 'HTTP_REQUEST_TIMEOUT_SECONDS'
  | 'HTTP_KEEP_ALIVE_TIMEOUT_SECONDS'
  | 'HTTP_MAX_CONNECTIONS'
>;

/**
 * The Node server's options against slow clients (slowloris): a request whose head has not arrived in
 * HTTP_HEADERS_TIMEOUT_SECONDS, or which is not wholly received in HTTP_REQUEST_TIMEOUT_SECONDS, is
 * answered 408 and its connection closed. Node checks for them every `connectionsCheckingInterval`
 * (30 s by default, longer than the timeouts themselves): here a quarter of the shorter timeout.
 */
export function serverOptions(config: Limits): ServerOptions {
  const headersTimeout = config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000;
  const requestTimeout = config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000;
  return {
    headersTimeout,
    requestTimeout,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    connectionsCheckingInterval: Math.max(50, Math.min(headersTimeout, requestTimeout) / 4),
  };
}

/**
 * At most HTTP_MAX_CONNECTIONS open connections: past it, Node closes a new connection at once rather
 * than running out of file descriptors (every request, /healthz included, would then fail). Keep it
 * below the process's open-file limit (systemd LimitNOFILE), leaving room for the database and files.
 */
export function limitConnections(server: Server, config: Limits): void {
  server.maxConnections = config.HTTP_MAX_CONNECTIONS;
}
