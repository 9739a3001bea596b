/**
 * The baseline of bench/http: a bare NestJS app on Fastify with the service's
 * global ValidationPipe and the same DTOs, and nothing else (no key, no
 * limiter, no log, no store). Started by bench/http in a process of its own.
 */
import 'reflect-metadata';
import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { BalancesDto } from '../src/infrastructure/http/ledger/balance.dto';
import { RenderServiceDto } from '../src/infrastructure/http/services/service.dto';
import { strictValidationPipe } from '../src/infrastructure/http/validation/validation';

@Controller('bare')
class BareController {
  @Post()
  post(@Body() body: RenderServiceDto) {
    return { streamId: `service-${body.agreementId}`, streamVersion: 1, position: '1', events: [] };
  }

  @Get()
  get(@Query() query: BalancesDto) {
    return { partner: query.partner, balances: [] };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

const main = async () => {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  app.useGlobalPipes(strictValidationPipe());
  await app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
  process.stdout.write(`listening on ${await app.getUrl()}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
};

void main();
