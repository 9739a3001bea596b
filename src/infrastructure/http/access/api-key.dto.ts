import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ApiKeyRecord } from '../../../application/ports/api-key-store.port';
import { IsIsil } from '../validation/fields';

export const ROLES: ApiKeyRecord['role'][] = ['coordinator', 'librarian', 'auditor', 'subscriber', 'metrics'];

export class CreateApiKeyDto {
  @IsIn(ROLES) role!: ApiKeyRecord['role'];
  @IsOptional() @IsIsil('isil') isil?: string;
  @IsOptional() @IsString() @MaxLength(200) label?: string;
}
