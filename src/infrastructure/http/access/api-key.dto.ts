import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ISIL_PATTERN } from '../../../domain/shared/isil';
import type { ApiKeyRecord } from '../../../application/ports/api-key-store.port';

const ROLES: ApiKeyRecord['role'][] = ['coordinator', 'librarian', 'auditor', 'subscriber'];

export class CreateApiKeyDto {
  @IsIn(ROLES) role!: ApiKeyRecord['role'];
  @IsOptional() @IsString() @MaxLength(16) @Matches(ISIL_PATTERN, { message: 'isil must be an ISIL (ISO 15511), e.g. ID-JKPNRI' })
  isil?: string;
  @IsOptional() @IsString() @MaxLength(200) label?: string;
}
