import { Controller, Get, Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../tokens';
import { Answers } from '../answers';
import { Public } from '../auth/roles';
import { asyncApiDocument } from './asyncapi.document';

/** The AsyncAPI 3.0 document of the live feed and webhooks, public like the OpenAPI document. */
@Controller()
export class AsyncApiController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('asyncapi.json')
  @Public()
  @Answers('The AsyncAPI 3.0 document', 'AsyncApiDocument')
  document(@Req() request: FastifyRequest) {
    return asyncApiDocument(this.config.subscriptions, request.host, request.protocol);
  }
}
