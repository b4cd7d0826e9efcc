import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ConfigError } from '../errors.ts';

/**
 * Starts listening and returns the address a person opens, e.g. http://localhost:3000. A port in use
 * or a host that is not this machine's stops start-up with a message that says what to set.
 */
export async function listen(app: FastifyInstance, options: { port: number; host: string; portSetting?: string }): Promise<string> {
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const setting = options.portSetting ?? 'PORT';
    if (code === 'EADDRINUSE') throw new ConfigError(`Port ${options.port} is already in use: set ${setting} to a free one, e.g. ${setting}=${options.port < 65535 ? options.port + 1 : options.port - 1}.`, { cause: error });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new ConfigError(`Cannot listen on HOST=${options.host}: it is not an address of this machine.`, { cause: error });
    }
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  return `http://${browsableHost(options.host)}:${port}`;
}

/** "localhost" for loopback and all-interface binds, which a browser on this machine reaches that way. */
function browsableHost(host: string): string {
  if (['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
