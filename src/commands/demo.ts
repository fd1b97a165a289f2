// Loading the demo: the generated province (or country) and the demo users, on an empty database.
import type { DatabaseHandle } from '../db/connection.ts';
import { loadDemo, type DemoSummary } from '../demo/index.ts';
import { createDemoUsers } from './demo-users.ts';

export async function isEmpty(handle: DatabaseHandle): Promise<boolean> {
  const row = await handle.db.selectFrom('unit').select('id').limit(1).executeTakeFirst();
  return !row;
}

export async function loadDemoData(
  handle: DatabaseHandle,
  options: { scale: 'province' | 'country'; seed?: number },
  onProgress?: (message: string) => void,
): Promise<DemoSummary> {
  const summary = await loadDemo(handle, { ...options, onProgress });
  await createDemoUsers(handle.db);
  return summary;
}
