import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApplicationError } from '../applicationError.js';
import type { Config, Role } from '../config.js';

/**
 * Bearer-token authentication with three roles: reader < analyst < admin. With no tokens
 * configured (the embedded default on 127.0.0.1) every caller is an admin named `local`.
 */
declare module 'fastify' {
  interface FastifyRequest {
    principal: string;
    role: Role;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; routes without one are public (health, docs). */
    role?: Role;
  }
}

const RANK: Record<Role, number> = { reader: 1, analyst: 2, admin: 3 };

/** The principal and role of the request's bearer token, or undefined when it has none that is configured. */
const authenticate = (tokens: Config['tokens'], request: FastifyRequest): { principal: string; role: Role } | undefined => {
  if (!tokens) return { principal: 'local', role: 'admin' };
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? tokens.get(match[1]!) : undefined;
};

export const authPlugin = fp(
  async (app: FastifyInstance, options: { tokens: Config['tokens'] }) => {
    app.decorateRequest('principal', '');
    app.decorateRequest('role', 'reader');
    app.addHook('onRequest', async (request, reply) => {
      const needed = request.routeOptions.config.role;
      if (!needed) return;
      const authenticated = authenticate(options.tokens, request);
      if (!authenticated) {
        // A 401 names the scheme that would be accepted (RFC 9110 §11.6.1, RFC 6750 §3).
        void reply.header('www-authenticate', 'Bearer realm="sijill"');
        throw new ApplicationError('unauthenticated', 'send Authorization: Bearer <token> with a configured token');
      }
      const { principal, role } = authenticated;
      request.principal = principal;
      request.role = role;
      if (RANK[role] < RANK[needed]) {
        throw new ApplicationError('forbidden', `this operation needs the ${needed} role; ${principal} has the ${role} role`);
      }
    });
  },
  { name: 'sijill-auth' },
);
