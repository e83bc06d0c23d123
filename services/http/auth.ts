import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config, Role } from '../config.js';
import { HttpProblem } from './problem.js';

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

const authenticate = (tokens: Config['tokens'], request: FastifyRequest): { principal: string; role: Role } => {
  if (!tokens) return { principal: 'local', role: 'admin' };
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  const found = match ? tokens.get(match[1]!) : undefined;
  if (!found) {
    throw new HttpProblem(
      401,
      'unauthenticated',
      'Unauthenticated',
      'send Authorization: Bearer <token> with a configured token',
    );
  }
  return found;
};

export const authPlugin = fp(
  async (app: FastifyInstance, options: { tokens: Config['tokens'] }) => {
    app.decorateRequest('principal', '');
    app.decorateRequest('role', 'reader');
    app.addHook('onRequest', async (request, reply) => {
      const needed = request.routeOptions.config.role;
      if (!needed) return;
      const { principal, role } = authenticate(options.tokens, request);
      request.principal = principal;
      request.role = role;
      if (RANK[role] < RANK[needed]) {
        throw new HttpProblem(
          403,
          'forbidden',
          'Forbidden',
          `this operation needs the ${needed} role; ${principal} is a ${role}`,
        );
      }
      void reply;
    });
  },
  { name: 'sijill-auth' },
);
