import type { DatabaseHandle } from '../../db/connection.ts';
export interface RouteDeps {
  database: DatabaseHandle;
}
