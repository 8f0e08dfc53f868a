// A stand-in for Slack's incoming webhook: prints every request it receives and answers 200 "ok".
// Usage: node examples/milo-slack/sink.mjs [port]   (default 9099)
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 9099);

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    console.log(`--- ${new Date().toISOString()} ${req.method} ${req.url} (${req.headers['content-type'] ?? 'no content-type'})`);
    console.log(body);
    const blocks = decodedBlocks(body);
    if (blocks !== undefined) console.log('(blocks arrived as a JSON-encoded string; decoded:)\n' + blocks);
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
  });
});

// Shows a `blocks` field that arrived as a JSON-encoded string (see README.md) readably.
function decodedBlocks(body) {
  try {
    const value = JSON.parse(body);
    if (value && typeof value.blocks === 'string') return JSON.stringify(JSON.parse(value.blocks), null, 2);
  } catch {
    // not JSON, or blocks is not JSON text: the raw body above is all there is
  }
  return undefined;
}

server.listen(port, '127.0.0.1', () => console.log(`sink listening on http://127.0.0.1:${port}/slack`));
