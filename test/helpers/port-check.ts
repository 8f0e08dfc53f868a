import { createServer, type Server } from 'node:net';

/** True when nothing listens on the port (on all interfaces, as a webhook server binds). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, () => srv.close(() => resolve(true)));
  });
}

/** Holds a port the way another process would; close() releases it. */
export async function occupyPort(port: number): Promise<{ close: () => Promise<void> }> {
  const srv: Server = createServer((s) => s.destroy());
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, () => resolve());
  });
  return { close: () => new Promise((r) => srv.close(() => r())) };
}
