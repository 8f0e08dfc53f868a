/**
 * The baseline: a bare node:http server that reads the body, parses it as JSON and answers 200.
 * Plain JavaScript run by node alone, as Switchyard's built CLI is: no loader touches either.
 * Usage: node bench/baseline-server.mjs PORT
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write('usage: baseline-server.mjs PORT\n');
  process.exit(2);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end('body is not JSON\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('success');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`baseline listening port=${port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
