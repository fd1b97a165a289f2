// The HTTP server: JSON API under /api (a schema on every route, which also makes the OpenAPI
// document), and the built web UI for every other path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DatabaseHandle } from '../db/connection.ts';
import type { Actor } from '../policies/index.ts';
import { actorForSession } from '../db/repos/users.ts';
import { AppError } from '../domain/errors.ts';
import { errorHandler } from './errors.ts';
import { authRoutes, SESSION_COOKIE } from './routes/auth.ts';
import { unitRoutes } from './routes/units.ts';
import { memberRoutes } from './routes/members.ts';
import { memberEventRoutes } from './routes/member-events.ts';
import { candidateRoutes } from './routes/candidates.ts';
import { meetingRoutes } from './routes/meetings.ts';
import { reportRoutes } from './routes/reports.ts';
import { userRoutes } from './routes/users.ts';
import { restructuringRoutes } from './routes/restructurings.ts';
import { reformImportRoutes } from './routes/reform-import.ts';
import { documentRoutes } from './routes/documents.ts';
import { healthRoutes } from './routes/health.ts';
import { evaluationRoutes } from './routes/evaluation.ts';
import { consolidationRoutes } from './routes/consolidation.ts';
import { visitRoutes } from './routes/visits.ts';
import { disseminationRoutes } from './routes/dissemination.ts';
import { briefRoutes } from './routes/brief.ts';
import { resignationRoutes } from './routes/resignations.ts';
import { enterpriseRoutes } from './routes/enterprises.ts';
import { lineageRoutes } from './routes/lineage.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, documentation). */
    public?: boolean;
  }
}

export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
}

export interface ServerOptions {
  database: DatabaseHandle;
  logger?: boolean;
  /** Folder of the built UI (web/dist); skipped when it does not exist. */
  webRoot?: string;
  /** Max login attempts per minute per address. */
  loginRateLimit?: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_ROOT = path.resolve(here, '../../web/dist');

export async function buildServer(options: ServerOptions): Promise<{ app: App; routes: RouteInfo[] }> {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true } },
  }).withTypeProvider<TypeBoxTypeProvider>() as App;
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, public: route.config?.public === true });
      if (!route.schema) throw new Error(`Route ${method} ${route.url} has no schema`);
    }
  });

  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'dangvu API', description: 'Đảng vụ: tổ chức đảng, đảng viên, phân quyền, nhật ký', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.actor = token ? await actorForSession(options.database.db, token) : null;
  });
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    if (request.routeOptions.config?.public) return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập');
  });

  const deps = { database: options.database };
  await app.register(async (api) => {
    healthRoutes(api as App, deps);
    authRoutes(api as App, deps, options.loginRateLimit ?? 10);
    unitRoutes(api as App, deps);
    memberRoutes(api as App, deps);
    memberEventRoutes(api as App, deps);
    candidateRoutes(api as App, deps);
    meetingRoutes(api as App, deps);
    reportRoutes(api as App, deps);
    userRoutes(api as App, deps);
    evaluationRoutes(api as App, deps);
    restructuringRoutes(api as App, deps);
    reformImportRoutes(api as App, deps);
    documentRoutes(api as App, deps);
    consolidationRoutes(api as App, deps);
    visitRoutes(api as App, deps);
    disseminationRoutes(api as App, deps);
    briefRoutes(api as App, deps);
    resignationRoutes(api as App, deps);
    enterpriseRoutes(api as App, deps);
    lineageRoutes(api as App, deps);
    api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  }, { prefix: '/api' });

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  if (fs.existsSync(path.join(webRoot, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart.
    await app.register(fastifyStatic, { root: webRoot, wildcard: true });
    // The UI routes on the client: any other non-API path gets index.html; a missing asset stays a 404.
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/') || /\.[a-z0-9]+$/i.test(request.url.split('?')[0]!)) {
        reply.code(404).send({ code: 'NOT_FOUND', message: 'Không có đường dẫn này' });
      } else {
        reply.type('text/html').sendFile('index.html');
      }
    });
  } else {
    app.setNotFoundHandler((_request, reply) => {
      reply.code(404).send({ code: 'NOT_FOUND', message: 'Không có đường dẫn này' });
    });
  }
  await app.ready();
  return { app, routes };
}

/** The acting user of a request that passed the authentication hook. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập');
  return request.actor;
}
