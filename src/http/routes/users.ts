import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import { actorOf } from '../server.ts';
import type { RouteDeps } from './deps.ts';
import { createUser, listUsers } from '../../db/repos/users.ts';
import { ROLES } from '../../policies/index.ts';
import { errorResponses, Id } from '../schemas.ts';

const UserSchema = Type.Object({
  id: Type.Integer(), username: Type.String(), fullName: Type.String(), role: Type.String(),
  scopeUnitId: Type.Integer(), scopeUnitName: Type.String(), active: Type.Boolean(),
});

export function userRoutes(app: App, { database }: RouteDeps) {
  const tags = ['users'];
  app.get('/users', {
    schema: { summary: 'Người dùng trong phạm vi', tags, response: { 200: Type.Array(UserSchema), ...errorResponses } },
  }, async (request) => listUsers(database.db, actorOf(request)));

  app.post('/users', {
    schema: {
      summary: 'Tạo người dùng', tags,
      body: Type.Object({
        username: Type.String({ minLength: 3, maxLength: 40 }), fullName: Type.String({ minLength: 1, maxLength: 100 }),
        password: Type.String({ minLength: 8, maxLength: 200 }), role: Type.Union(ROLES.map((r) => Type.Literal(r))), scopeUnitId: Id,
      }),
      response: { 201: UserSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await createUser(database.db, actorOf(request), request.body)));
}
