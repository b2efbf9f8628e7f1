import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { SUBGRAPHS } from '@pq/http';

const ROOT = path.resolve(__dirname, '../..');

/**
 * A young generation of 64 MB a semi-space (V8's default is 16 MB): a 20,000-line audit call keeps
 * tens of MB alive for its whole run, which the default scavenger copied again and again (claims
 * audit about 15 % faster, measured; no change for small requests). Deployments set the same through
 * NODE_OPTIONS (docs/operations.md, Deploying at scale).
 */
const NODE_FLAGS = ['--max-semi-space-size=64'];

export interface LaunchedServices {
  gatewayUrl: string;
  /** Tells every subgraph to read its working-day calendar again (SIGHUP); the gateway keeps none. */
  reloadCalendars(): void;
  /** Sends a signal to one service (`gateway` or a subgraph), as an orchestrator or an operator would. */
  signal(service: string, signal: NodeJS.Signals): void;
  /** Resolves when that service's process has exited, with its exit code or the signal that ended it. */
  exited(service: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (PostgreSQL's own, when run as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What another running stack (`npm start`, a benchmark) holds of what this one is about to take:
 * ports something already listens on, and a PostgreSQL data folder whose postmaster.pid names a
 * live process. Empty when all is free. Without this check a second stack met the first one's
 * services on their ports and measured them, or failed deep inside PostgreSQL's start.
 */
export async function busyResources(needs: { ports: number[]; dataDir?: string }): Promise<string[]> {
  const busy: string[] = [];
  const taken: number[] = [];
  for (const port of needs.ports) if (!(await bindable(port))) taken.push(port);
  if (taken.length) busy.push(`port${taken.length > 1 ? 's' : ''} ${taken.join(', ')} already in use`);
  const pidFile = needs.dataDir && path.join(needs.dataDir, 'postmaster.pid');
  if (pidFile && existsSync(pidFile)) {
    // postmaster.pid: the server's pid on the first line, its port on the fourth.
    const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
    if (alive(Number(pid))) busy.push(`PostgreSQL (pid ${pid}, port ${port}) is running on the data folder ${needs.dataDir}`);
  }
  return busy;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with code ${child.exitCode} before it was ready`);
    if (
      (await fetch(url).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000} s`);
}

/**
 * The four subgraphs and the gateway as their own processes (the built entry points), configured
 * by `env` as in production; resolves once each answers /ready. `onUnexpectedExit` hears of a
 * service that dies while running.
 */
export async function launchServices(
  env: NodeJS.ProcessEnv,
  onUnexpectedExit: (service: string, code: number | null) => void = () => undefined,
  /** More flags for every service's node, e.g. `--cpu-prof` (scripts/src/profile.ts). */
  nodeFlags: string[] = [],
): Promise<LaunchedServices> {
  const children: ChildProcess[] = [];
  const subgraphs: ChildProcess[] = [];
  const byName = new Map<string, ChildProcess>();
  let stopping = false;
  const launch = (name: string, script: string) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, ...nodeFlags, path.join(ROOT, script)], {
      env: { OTEL_SERVICE_NAME: name, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code) => !stopping && onUnexpectedExit(name, code));
    children.push(child);
    byName.set(name, child);
    return child;
  };
  const stop = async () => {
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    const port = (name: string, fallback: number) => Number(env[`${name.toUpperCase()}_PORT`] ?? fallback);
    await Promise.all(
      SUBGRAPHS.map((name, i) => {
        const child = launch(name, `subgraphs/${name}/dist/index.js`);
        subgraphs.push(child);
        return waitForHealth(`http://localhost:${port(name, 4001 + i)}/ready`, child);
      }),
    );
    const gatewayPort = Number(env.PORT ?? 4000);
    await waitForHealth(`http://localhost:${gatewayPort}/ready`, launch('gateway', 'gateway/dist/index.js'));
    const reloadCalendars = () => subgraphs.forEach((child) => child.kill('SIGHUP'));
    const signal = (service: string, sig: NodeJS.Signals) => byName.get(service)!.kill(sig);
    const exited = (service: string) => {
      const child = byName.get(service)!;
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
      return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, sig) => resolve({ code, signal: sig })),
      );
    };
    return { gatewayUrl: `http://localhost:${gatewayPort}/graphql`, reloadCalendars, signal, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
