// Loading the demo: the generated province (or country) and the demo users, on an empty database.
import type { DatabaseHandle } from '../db/connection.ts';
import { DEFAULT_SEED, loadDemo, type DemoSummary } from '../demo/index.ts';
import { createDemoUsers } from './demo-users.ts';
import { loadEvaluationDemo } from '../demo/evaluation.ts';
import { todayIso } from '../domain/dates.ts';

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
  if (options.scale === 'province') {
    // Evaluation results of every year since 2016 and the seed's weak units of Châu Thành with their plans: src/demo/evaluation.ts.
    const e = await loadEvaluationDemo(handle.db, { seed: options.seed ?? DEFAULT_SEED, today: todayIso() });
    onProgress?.(`Đánh giá, xếp loại: ${e.campaigns} đợt, ${e.ratings} xếp loại; ${e.weakUnits} tổ chức đảng yếu kém năm 2016`);
  }
  await createDemoUsers(handle.db);
  return summary;
}
