import { sql } from 'kysely';
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../server.ts';
import type { RouteDeps } from './deps.ts';

export function healthRoutes(app: App, { database }: RouteDeps) {
  app.get('/health', {
    config: { public: true },
    schema: {
      summary: 'Tình trạng máy chủ và loại cơ sở dữ liệu',
      tags: ['system'],
      response: { 200: Type.Object({ status: Type.String(), database: Type.String(), serverVersion: Type.String() }) },
    },
  }, async () => {
    const { rows } = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db);
    return { status: 'ok', database: database.kind, serverVersion: rows[0]?.v ?? '' };
  });
}
