/**
 * The baseline: a bare node:http server that reads the body, parses it as JSON and answers 200.
 * Usage: node --import tsx bench/baseline-server.ts PORT
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write('usage: baseline-server.ts PORT\n');
  process.exit(2);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
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
