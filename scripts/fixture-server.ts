// A throw-away server on an in-memory database with the small test fixture (users of every role,
// password "matkhau-thu-nghiem"), for UI work and browser tests that need no demo load.
// Usage: npx tsx scripts/fixture-server.ts [port]
import { buildServer } from '../src/http/server.ts';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedFixture, seedUsers } from '../test/integration/fixtures.ts';

const port = Number(process.argv[2] ?? process.env.PORT ?? 3001);
const handle = await openDatabase({ dataDir: 'memory://' });
await migrateToLatest(handle.db);
const fixture = await seedFixture(handle);
await seedUsers(handle, fixture);
const { app } = await buildServer({ database: handle });
await app.listen({ port, host: '127.0.0.1' });
console.log(`fixture server on http://127.0.0.1:${port} (users: admin83, staff831, secretary28861 …; password matkhau-thu-nghiem)`);
