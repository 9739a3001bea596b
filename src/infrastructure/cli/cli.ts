import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Database } from 'better-sqlite3';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port';
import { ProjectionRunner } from '../../application/projections/projection-runner';
import { ConfigError, loadConfig, type AppConfig } from '../config/config';
import { storageProviders } from '../ledger.module';
import { SQLITE_DATABASE } from '../tokens';

@Module({})
class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, providers: storageProviders(config) };
  }
}

/** Opens the same storage the service uses, runs `work`, and closes it again. */
export const withStorage = async <T>(config: AppConfig, work: (context: INestApplicationContext) => Promise<T>): Promise<T> => {
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await work(context);
  } finally {
    await context.get<EventStore>(EVENT_STORE).close();
    const db = context.get<Database>(SQLITE_DATABASE);
    if (db.open) db.close();
    await context.close();
  }
};

/** Drops every read model and folds the whole log again. Run it while the service is stopped. */
export const rebuild = (config: AppConfig) =>
  withStorage(config, async (context) => {
    const runner = context.get(ProjectionRunner);
    await runner.init();
    const started = process.hrtime.bigint();
    const events = await runner.rebuild();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events, seconds, position: runner.status().position };
  });

const USAGE = `usage: npm run cli -- <command>

commands:
  rebuild   drop every read model and rebuild it from the event log (stop the service first)
`;

const main = async (argv: readonly string[]): Promise<number> => {
  const [command] = argv;
  if (command === 'rebuild') {
    const { events, seconds, position } = await rebuild(loadConfig());
    process.stdout.write(`rebuilt read models from ${events} events in ${seconds.toFixed(2)} s (position ${position ?? 'none'})\n`);
    return 0;
  }
  process.stderr.write(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
};

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof ConfigError ? `bad setting ${error.message}` : error instanceof Error ? error.stack : String(error);
      process.stderr.write(`resource-sharing-ledger: ${message}\n`);
      process.exit(error instanceof ConfigError ? 78 : 1);
    },
  );
}
