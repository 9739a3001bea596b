import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Principal } from '../../../application/access/access.service';
import { Iso18626Endpoints } from '../../../application/iso18626/iso18626-endpoints.service';
import { ISO18626_VERSIONS, type Iso18626Version } from '../../../domain/iso18626';
import { Answers } from '../answers';
import { Acting, Roles } from '../auth/roles';
import { DeliveriesQueryDto } from '../subscriptions/subscription.dto';
import { Example, IsHeaderValue, Optional } from '../validation/fields';
import { IsilParam } from '../validation/validation';

export class Iso18626EndpointDto {
  /** Where the partner's ILL system takes ISO 18626 messages. */
  @IsString() @MaxLength(2048) @Example('https://ill.example.org/iso18626') url!: string;
  /** The schema version it speaks. */
  @IsIn(ISO18626_VERSIONS) @Example('1.2') version!: Iso18626Version;
  /** Sent as the Authorization header of every message, e.g. `Basic …`; kept out of the event log and never shown again. */
  @Optional() @IsString() @IsNotEmpty() @MaxLength(4096) @IsHeaderValue('authorization') authorization?: string;
}

/** A partner's ISO 18626 endpoint: where the ledger sends the messages the standard prescribes when its loans change. */
@Controller('v1/partners/:isil/iso18626-endpoint')
export class Iso18626EndpointsController {
  constructor(private readonly endpoints: Iso18626Endpoints) {}

  /** Registers or replaces the endpoint, its version and credentials; messages go out for what happens from now on. */
  @Put() @HttpCode(200) @Roles('coordinator', 'librarian')
  @Answers('The endpoint as registered (credentials never shown)', 'Iso18626Endpoint')
  register(@Param('isil', IsilParam()) isil: string, @Body() { url, version, authorization }: Iso18626EndpointDto, @Acting() actor: Principal) {
    return this.endpoints.register(actor, isil, { url, version, ...(authorization ? { authorization } : {}) });
  }

  @Get() @Roles('coordinator', 'librarian', 'auditor')
  @Answers('The endpoint, how far delivery got, and whether it is enabled', 'Iso18626Endpoint')
  get(@Param('isil', IsilParam()) isil: string, @Acting() actor: Principal) {
    return this.endpoints.get(actor, isil);
  }

  /** Every attempt to deliver a message, newest first, with the start of what the endpoint answered. */
  @Get('deliveries') @Roles('coordinator', 'librarian', 'auditor')
  @Answers('Attempts to deliver a message, newest first', 'DeliveryPage')
  deliveries(@Param('isil', IsilParam()) isil: string, @Query() { before, limit }: DeliveriesQueryDto, @Acting() actor: Principal) {
    return this.endpoints.deliveries(actor, isil, before ?? null, limit ?? 50);
  }

  @Delete() @HttpCode(204) @Roles('coordinator', 'librarian')
  @Answers('Removed; no more messages go to it')
  async remove(@Param('isil', IsilParam()) isil: string, @Acting() actor: Principal): Promise<void> {
    await this.endpoints.remove(actor, isil);
  }
}
