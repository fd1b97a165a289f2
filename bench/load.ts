// Load test of one API route over loopback: the real server in its own process (so its resident memory is
// its own), autocannon with N connections in this one. Used by bench/run.ts on PostgreSQL.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  errors: number;
  non2xx: number;
  /** The server's peak resident memory (VmHWM) over the run, in MiB. */
  peakRssMiB: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const peakRss = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};

// The server as `npm start` runs it: the bundle of scripts/build-server.mjs under plain Node, built once per
// benchmark run from the current sources.
let bundleBuilt = false;
function buildBundleOnce() {
  if (bundleBuilt) return;
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building dist/server/dangvu.mjs failed');
  bundleBuilt = true;
}

/**
 * The arguments of `npm start` after `node` (package.json), so the measured server has its flags: among them
 * a 1 GiB heap limit, without which V8 lets the heap of a 24 GiB machine grow to ~390 MB under this load
 * before collecting (~230 MB with it, at the same throughput).
 */
function startArguments(): string[] {
  const start: string = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.start;
  const [node, ...args] = start.split(/\s+/);
  if (node !== 'node') throw new Error(`npm start is not "node …": ${start}`);
  return args;
}

export async function loadTest(options: {
  databaseUrl: string; username: string; password: string; path: string; connections: number; seconds: number;
}): Promise<LoadResult> {
  const port = await freePort();
  buildBundleOnce();
  const server = spawn(process.execPath, [...startArguments(), '--no-demo', '--port', String(port)], {
    env: { ...process.env, DATABASE_URL: options.databaseUrl, DANGVU_DEMO: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += String(d); });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`the server stopped: ${stderr}`);
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 300) throw new Error('the server did not start in 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: options.username, password: options.password }),
    });
    const cookie = /dangvu_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    if (!cookie) throw new Error(`login failed: ${login.status}`);
    // Warm the server's pool and caches, then measure.
    await autocannon({ url: `${base}${options.path}`, connections: options.connections, duration: 2, headers: { cookie } });
    const r = await autocannon({ url: `${base}${options.path}`, connections: options.connections, duration: options.seconds, headers: { cookie } });
    return {
      requestsPerSecond: r.requests.average, latencyP50: r.latency.p50, latencyP99: r.latency.p99,
      errors: r.errors + r.timeouts, non2xx: r.non2xx, peakRssMiB: peakRss(server.pid!),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}
