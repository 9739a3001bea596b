import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { AccessService, type Principal } from '../../../application/access/access.service';
import type { ApiKeyRecord } from '../../../application/ports/api-key-store.port';
import { NotFound } from '../../../domain/shared/errors';
import { Answers } from '../answers';
import { Acting, Roles } from '../auth/roles';
import { NotIdempotent } from '../idempotency/idempotency';
import { KeyIdParam } from '../validation/validation';
import { CreateApiKeyDto } from './api-key.dto';

const view = ({ id, role, library, label, createdAt, createdBy, revokedAt }: ApiKeyRecord) => ({
  id,
  role,
  isil: library,
  label,
  createdAt,
  createdBy,
  revokedAt,
});

@Controller('v1/api-keys')
@Roles('coordinator')
export class ApiKeysController {
  constructor(private readonly access: AccessService) {}

  /** The key itself is in this answer only; the service keeps a digest. */
  @Post()
  @NotIdempotent()
  @Answers('Issued: the key record, and the key itself (shown in this answer only)', 'NewApiKey')
  async create(@Body() body: CreateApiKeyDto, @Acting() by: Principal) {
    const { record, key } = await this.access.issue(by, body);
    return { ...view(record), key };
  }

  @Get()
  @Answers('Every key ever issued, revoked ones too; never the keys themselves', 'ApiKeyList')
  async list() {
    return { items: (await this.access.list()).map(view) };
  }

  @Delete(':id')
  @Answers('Revoked: the key record, with revokedAt set', 'ApiKey')
  async revoke(@Param('id', KeyIdParam) id: string) {
    const record = await this.access.revoke(id);
    if (!record) throw new NotFound('api-key-not-found', `there is no API key ${id}`);
    return view(record);
  }
}
