import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './infrastructure/config/config';
import { DataDirInUse } from './infrastructure/data-dir-lock';
import { createHttpApp } from './infrastructure/http/http-app';
import { startTracing } from './infrastructure/operations/tracing';

const main = async (): Promise<void> => {
  let config;
  let app;
  try {
    config = loadConfig();
    const tracing = startTracing();
    app = await createHttpApp(config);
    if (tracing) app.getHttpAdapter().getInstance().addHook('onClose', () => tracing.shutdown());
    await app.listen(config.port, config.host);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`resource-sharing-ledger: bad setting ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    // A refusal the operator acts on (stop the other process): its message, as the CLI gives it, not a stack.
    if (error instanceof DataDirInUse) {
      process.stderr.write(`resource-sharing-ledger: ${error.message}\n`);
      process.exit(1);
    }
    // Built but not listening (the port taken, the host unknown): stop what started and give the data directory back.
    await app?.close().catch(() => undefined);
    if (cannotListen(error)) {
      process.stderr.write(`resource-sharing-ledger: cannot listen on ${config?.host}:${config?.port}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const url = await app.getUrl();
  new Logger('Ledger').log({ event: 'ledger.listening', url, dataDir: config.dataDir }, `listening on ${url} with data in ${config.dataDir}`);
};

/** Node's errors for an address it cannot listen on, which the operator fixes in HOST or PORT. */
const cannotListen = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && ['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES', 'ENOTFOUND', 'EAI_AGAIN'].includes((error as NodeJS.ErrnoException).code ?? '');

main().catch((error: unknown) => {
  process.stderr.write(`resource-sharing-ledger: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
