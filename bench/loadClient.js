/*
 * The load generator of the benchmark, run as a child process so that the client's work does
 * not share an event loop with the backend it measures. It receives one job at a time over IPC:
 *
 *   { port, requests: [{ method, path, body? }], headers, concurrency, intervalMs? }
 *
 * sends every request once over loopback with a keep-alive agent, `concurrency` in flight at
 * a time; with `intervalMs`, request i starts no earlier than i × intervalMs after the first
 * (a steady arrival rate instead of back to back), and answers { latenciesMs, elapsedMs, statuses, errors }: errors holds network
 * errors and the first bodies of non-2xx answers (at most five), to say why they failed.
 */
'use strict';

const http = require('http');

function send(agent, port, headers, request) {
  return new Promise(resolve => {
    const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        agent,
        headers: {
          ...headers,
          ...(body ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {}),
        },
      },
      res => {
        const failed = res.statusCode < 200 || res.statusCode > 299;
        let text = '';
        res.on('data', chunk => {
          if (failed && text.length < 500) text += chunk;
        });
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const error = failed
            ? `${request.method} ${request.path} → ${res.statusCode} ${text.slice(0, 500)}`
            : undefined;
          resolve({ ms, status: res.statusCode, error });
        });
      },
    );
    req.on('error', error => resolve({ ms: NaN, status: 0, error: String(error) }));
    if (body) req.write(body);
    req.end();
  });
}

async function run({ port, requests, headers, concurrency, intervalMs }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs = new Array(requests.length);
  const statuses = {};
  const errors = [];
  let next = 0;
  const started = process.hrtime.bigint();
  async function worker() {
    while (next < requests.length) {
      const index = next++;
      if (intervalMs) {
        const due = Number(started) / 1e6 + index * intervalMs;
        const wait = due - Number(process.hrtime.bigint()) / 1e6;
        if (wait > 0) await new Promise(r => setTimeout(r, wait));
      }
      const outcome = await send(agent, port, headers, requests[index]);
      latenciesMs[index] = outcome.ms;
      statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
      if (outcome.error && errors.length < 5) errors.push(outcome.error);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  return { latenciesMs, elapsedMs, statuses, errors };
}

process.on('message', async job => {
  try {
    process.send({ ok: true, result: await run(job) });
  } catch (error) {
    process.send({ ok: false, error: String(error && error.stack ? error.stack : error) });
  }
});
