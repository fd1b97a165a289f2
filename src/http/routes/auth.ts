import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { login, logout, SESSION_DAYS } from '../../db/repos/users.ts';
import { permissionsOf, type Actor } from '../../policies/index.ts';
import { errorResponses } from '../schemas.ts';

export const SESSION_COOKIE = 'dangvu_session';

const Me = Type.Object({
  userId: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.String(),
  fullName: Type.String(),
  role: Type.String(),
  scopeUnitId: Type.Integer(),
  permissions: Type.Array(Type.String()),
});

const present = (a: Actor) => ({ userId: a.userId, username: a.username, fullName: a.fullName, role: a.role, scopeUnitId: a.scopeUnitId, permissions: [...permissionsOf(a.role)] });

export function authRoutes(app: App, { database }: RouteDeps, loginRateLimit: number) {
  app.post('/auth/login', {
    config: { public: true, rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: {
      summary: 'Đăng nhập', tags: ['auth'],
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 40 }), password: Type.String({ minLength: 1, maxLength: 200 }) }),
      response: { 200: Me, ...errorResponses },
    },
  }, async (request, reply) => {
    const { token, actor } = await login(database.db, request.body.username, request.body.password);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'strict', maxAge: SESSION_DAYS * 86_400,
      secure: request.protocol === 'https',
    });
    return present(actor);
  });

  app.post('/auth/logout', {
    config: { public: true },
    schema: { summary: 'Đăng xuất', tags: ['auth'], response: { 200: Type.Object({ ok: Type.Boolean() }) } },
  }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(database.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', {
    schema: { summary: 'Người dùng đang đăng nhập', tags: ['auth'], response: { 200: Me, ...errorResponses } },
  }, async (request) => present(request.actor!));
}
