// Settings from the environment, with the defaults that make `npm start` work on a fresh machine.
import { checkDatabaseUrl } from './db/connection.ts';
import { AppError } from './domain/errors.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  loadDemoWhenEmpty: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('CONFIG', `PORT không hợp lệ: ${env.PORT}`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl) {
    const problem = checkDatabaseUrl(databaseUrl);
    if (problem) throw new AppError('CONFIG', problem);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.DANGVU_DATA ?? './data',
    databaseUrl,
    loadDemoWhenEmpty: !['0', 'false', 'no'].includes((env.DANGVU_DEMO ?? '1').toLowerCase()),
  };
}
