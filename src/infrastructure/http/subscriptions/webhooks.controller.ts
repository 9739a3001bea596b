import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Principal } from '../../../application/access/access.service';
import { WebhooksService } from '../../../application/subscriptions/webhooks.service';
import { Answers } from '../answers';
import { Acting, Roles } from '../auth/roles';
import { NotIdempotent } from '../idempotency/idempotency';
import { UuidParam } from '../validation/validation';
import { CreateWebhookDto, DeliveriesQueryDto, ReplayWebhookDto, UpdateWebhookDto } from './subscription.dto';

const filterOf = ({ types, categories, partners }: { types?: string[]; categories?: string[]; partners?: string[] }) => ({
  ...(types ? { types } : {}),
  ...(categories ? { categories } : {}),
  ...(partners ? { partners } : {}),
});

/**
 * Webhooks: each key manages only the webhooks it registered. Deliveries are
 * CloudEvents signed per the Standard Webhooks spec, at least once, in log order.
 */
@Controller('v1/webhooks')
@Roles('coordinator', 'subscriber', 'librarian')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** Starts at the head of the log. The signing `secret` is in this answer only. */
  @Post()
  @NotIdempotent()
  @Answers('Registered: the webhook, and its signing secret (shown in this answer only)', 'WebhookWithSecret')
  async create(@Body() body: CreateWebhookDto, @Acting() owner: Principal) {
    const { webhook, secret } = await this.webhooks.create(owner, body.url, { types: [], categories: [], partners: [], ...filterOf(body) });
    return { ...webhook, secret };
  }

  @Get()
  @Answers('The webhooks this key registered', 'WebhookList')
  async list(@Acting() owner: Principal) {
    return { items: await this.webhooks.list(owner) };
  }

  @Get(':id')
  @Answers('The webhook, and the key that registered it', 'WebhookWithOwner')
  get(@Param('id', UuidParam('id')) id: string, @Acting() owner: Principal) {
    return this.webhooks.get(owner, id);
  }

  /** Changes the URL or filters; `{"enabled": true}` re-enables a disabled webhook where it stopped. */
  @Patch(':id')
  @Answers('The webhook as changed', 'Webhook')
  update(@Param('id', UuidParam('id')) id: string, @Body() body: UpdateWebhookDto, @Acting() owner: Principal) {
    return this.webhooks.update(owner, id, { url: body.url, filter: filterOf(body), enabled: body.enabled });
  }

  @Delete(':id')
  @HttpCode(204)
  @Answers('Removed; nothing more is delivered to it')
  async remove(@Param('id', UuidParam('id')) id: string, @Acting() owner: Principal): Promise<void> {
    await this.webhooks.remove(owner, id);
  }

  /** A new signing secret, in this answer only; the old one stops signing at once. */
  @Post(':id/secret')
  @NotIdempotent()
  @Answers('The webhook, and its new signing secret (shown in this answer only)', 'WebhookWithSecret')
  async rotate(@Param('id', UuidParam('id')) id: string, @Acting() owner: Principal) {
    const { webhook, secret } = await this.webhooks.rotateSecret(owner, id);
    return { ...webhook, secret };
  }

  /** Delivers again, in order, every wanted event after `after`. */
  @Post(':id/replay')
  @HttpCode(200)
  @Answers('The webhook, its checkpoint moved back to `after`', 'Webhook')
  replay(@Param('id', UuidParam('id')) id: string, @Body() body: ReplayWebhookDto, @Acting() owner: Principal) {
    return this.webhooks.replay(owner, id, body.after === '0' ? null : body.after);
  }

  /** Every attempt, newest first: event, attempt number, HTTP status, duration, error. */
  @Get(':id/deliveries')
  @Answers('Delivery attempts, newest first', 'DeliveryPage')
  deliveries(@Param('id', UuidParam('id')) id: string, @Query() query: DeliveriesQueryDto, @Acting() owner: Principal) {
    return this.webhooks.deliveries(owner, id, query.before ?? null, query.limit ?? 50);
  }
}
