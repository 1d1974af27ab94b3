// The decision bench's floor: one cluster worker of a bare node:http server that does for each request only what any
// JSON API must — read the body, JSON.parse it, answer a JSON body the size of a decision's — and nothing of Argus.
// Run on the same port, cores and wrk script as the Argus workers, its figure is the most requests/s this machine
// lets a Node.js server answer at that minute: the ceiling the HTTP target is measured under.
import { createServer } from 'node:http';
import { answerBenchPrimary } from './worker-usage.js';

const port = Number(process.env.BENCH_PORT);
// A decision answer as the demo flow gives it (id, outcome, limit, price, term, five reasons, latency): ~600 bytes.
const ANSWER = JSON.stringify({
  decisionId: 'dec_01M8CR2671KCJZ87SMDH7DQPM1', applicationId: 'bench-floor-application', flow: { id: 'loan-applications', version: 1 },
  variant: 'champion', outcome: 'approve', creditLimit: 12000, price: 0.189, term: 12,
  reasons: ['SCORE_LOW_INCOME', 'ID_FEW_CONTACTS', 'VEL_DEVICE_APPS', 'MODEL_TERM', 'GRAPH_COMMUNITY_BAD'].map((code) => ({ code, node: 'rules', item: code.toLowerCase() })),
  tags: ['thin-file'], latencyMs: 0.05,
});

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(ANSWER) });
      res.end(ANSWER);
    } catch {
      res.writeHead(400).end();
    }
  });
});
server.keepAliveTimeout = 72_000; // as fastify's default
server.listen(port, '127.0.0.1', () => process.send?.({ ready: true }));
answerBenchPrimary(() => new Promise((resolve) => server.close(resolve)));
