import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { PromMetrics } from '../../operations/prom-metrics';
import { AnswersIn } from '../answers';
import { Roles } from '../auth/roles';

/**
 * The Prometheus exposition on the main port, for a scraper that holds a
 * metrics key (which may read nothing else) or a coordinator key. Not rate limited: a busy service is when it is needed.
 */
@ApiTags('operations')
@Controller('metrics')
@Roles('coordinator', 'metrics')
@SkipThrottle()
export class MetricsController {
  constructor(private readonly metrics: PromMetrics) {}

  @Get()
  @ApiProduces('text/plain')
  @AnswersIn('Metrics in the Prometheus text exposition format (docs/operations.md)', { 'text/plain': 'PrometheusMetrics' })
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('content-type', this.metrics.contentType);
    return this.metrics.scrape();
  }
}
