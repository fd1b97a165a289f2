// Starts the real HTTP app on a fresh test database with the fixture, and logs users in via the API.
import { buildServer, type App, type RouteInfo } from '../../src/http/server.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import { openTestDatabase } from './helpers.ts';
import { PASSWORD, seedFixture, seedUsers, type Fixture } from './fixtures.ts';

export interface TestApp {
  app: App;
  routes: RouteInfo[];
  handle: DatabaseHandle;
  fixture: Fixture;
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(options: { loginRateLimit?: number } = {}): Promise<TestApp> {
  const handle = await openTestDatabase();
  const fixture = await seedFixture(handle);
  await seedUsers(handle, fixture);
  const { app, routes } = await buildServer({ database: handle, webRoot: '/nonexistent', loginRateLimit: options.loginRateLimit ?? 1000 });
  return {
    app, routes, handle, fixture,
    async login(username: string) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'dangvu_session');
      return `dangvu_session=${cookie!.value}`;
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
