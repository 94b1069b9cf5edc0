/*
 * What the benchmarks share: the child-process load client (bench/loadClient.js), latency
 * statistics, the CPU counters read from /proc, a deterministic PRNG, and the formatting of
 * the printed tables.
 */
import { fork, ChildProcess } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';

// ---------------------------------------------------------------------------------------------
// Load client (child process)

export type Request = { method: 'GET' | 'POST'; path: string; body?: unknown };
export type LoadResult = {
  latenciesMs: number[];
  elapsedMs: number;
  statuses: Record<string, number>;
  /** Network errors, and the first bodies of non-2xx answers (at most five). */
  errors: string[];
};

/**
 * Sends the load from a child process so that the client's work does not share an event
 * loop with what it measures. Every request carries `headers` (e.g. Authorization).
 */
export class LoadClient {
  private readonly child: ChildProcess;

  constructor(private readonly headers: Record<string, string>) {
    // Plain node: the client is JavaScript and must not inherit the TypeScript transform.
    this.child = fork(path.join(__dirname, 'loadClient.js'), [], {
      stdio: 'inherit',
      execArgv: [],
    });
  }

  run(
    port: number,
    requests: Request[],
    concurrency: number,
    headers: Record<string, string> = this.headers,
    /** Request i starts no earlier than i × intervalMs after the first (a steady rate). */
    intervalMs?: number,
  ): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (message: any) =>
        message.ok ? resolve(message.result) : reject(new Error(`load client: ${message.error}`)),
      );
      this.child.send({ port, requests, concurrency, headers, intervalMs });
    });
  }

  close() {
    this.child.kill();
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics

export type Stats = {
  n: number;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
  /** CPU milliseconds per request in the backend process and in PostgreSQL, if measured. */
  nodeCpuMs?: number;
  pgCpuMs?: number;
};

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function statsOf(results: LoadResult[]): Stats {
  const latencies = results.flatMap(r => r.latenciesMs).sort((a, b) => a - b);
  const elapsed = results.reduce((sum, r) => sum + r.elapsedMs, 0);
  let failed = 0;
  for (const r of results) {
    for (const [status, count] of Object.entries(r.statuses)) {
      if (!/^2\d\d$/.test(status)) failed += count;
    }
  }
  return {
    n: latencies.length,
    rate: latencies.length / (elapsed / 1000),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failed,
  };
}

export function assertAllSucceeded(label: string, results: LoadResult[]) {
  for (const r of results) {
    const bad = Object.entries(r.statuses).filter(([s]) => !/^2\d\d$/.test(s));
    if (bad.length > 0) {
      throw new Error(
        `${label}: non-2xx answers ${JSON.stringify(r.statuses)} ${r.errors.join('; ')}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// CPU, machine, ports

/** CPU seconds (user + system) used so far by one process, from /proc; 0 elsewhere. */
export function processCpuSeconds(pid: number): number {
  try {
    return cpuTicksOf(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')).ticks / 100; // USER_HZ
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every PostgreSQL server process (from /proc; 0 elsewhere). */
export function postgresCpuSeconds(): number {
  let ticks = 0;
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter(d => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = cpuTicksOf(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (stat.name.startsWith('postgres')) ticks += stat.ticks;
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100; // USER_HZ
}

/** Runs `fn` and says how much CPU this process and PostgreSQL used meanwhile. */
export async function withCpu<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; nodeS: number; pgS: number }> {
  const node0 = process.cpuUsage();
  const pg0 = postgresCpuSeconds();
  const value = await fn();
  const node = process.cpuUsage(node0);
  return { value, nodeS: (node.user + node.system) / 1e6, pgS: postgresCpuSeconds() - pg0 };
}

/** `stats` with the CPU seconds of its batch (backend, PostgreSQL) spread over its requests. */
export function withCpuPerRequest(stats: Stats, nodeS: number, pgS: number): Stats {
  return { ...stats, nodeCpuMs: (nodeS * 1000) / stats.n, pgCpuMs: (pgS * 1000) / stats.n };
}

function cpuTicksOf(stat: string): { name: string; ticks: number } {
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return {
    name: stat.slice(stat.indexOf('(') + 1, close),
    ticks: Number(fields[11]) + Number(fields[12]), // utime, stime
  };
}

export const loadAverage = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');

export function machineLine() {
  return (
    `node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`
  );
}

export function formatSeconds(startedAt: number) {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
}

export const ms = (v: number) => v.toFixed(1).padStart(7);
export const num = (v: number, width = 8) => Math.round(v).toLocaleString('en-US').padStart(width);

/** A port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Deterministic choices

/** A small deterministic PRNG (mulberry32) so that runs ask the same questions. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rand: () => number, items: T[]) => items[Math.floor(rand() * items.length)];
