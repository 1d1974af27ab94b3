// The only file that listens on a port.
import type { ArgusApp } from './argus-app.js';

export async function listen(app: ArgusApp): Promise<string> {
  const address = await app.api.listen({ host: app.config.host, port: app.config.port });
  const shutdown = (): void => {
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return address;
}
