import { IsIn, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, IsUUID, Max, MaxLength } from 'class-validator';
import { SERVICE_STATUSES, type ServiceStatus } from '../../../application/services/services.projection';
import { MAX_UNITS, SERVICE_KINDS, type ServiceKind } from '../../../domain/services';
import { HasAtMostDecimals, IsCalendarDate, IsIsil, NotBlank, Optional, PageQueryDto } from '../validation/fields';

export class RenderServiceDto {
  @IsUUID() agreementId!: string;
  @IsIsil('recipient') recipient!: string;
  @IsIn(SERVICE_KINDS) kind!: ServiceKind;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @HasAtMostDecimals('units', 2) @IsPositive() @Max(MAX_UNITS) units!: number;
  @Optional() @IsString() @IsNotEmpty() @MaxLength(50) @NotBlank('unit') unit?: string;
  @Optional() @IsCalendarDate('renderedOn') renderedOn?: string;
  @Optional() @IsString() @IsNotEmpty() @MaxLength(1000) @NotBlank('note') note?: string;
}

export class VoidServiceDto {
  @IsString() @IsNotEmpty() @MaxLength(1000) @NotBlank('reason') reason!: string;
}

export class ListServicesDto extends PageQueryDto {
  @IsOptional() @IsIsil('provider') provider?: string;
  @IsOptional() @IsIsil('recipient') recipient?: string;
  @IsOptional() @IsIn(SERVICE_KINDS) kind?: ServiceKind;
  @IsOptional() @IsUUID() agreementId?: string;
  @IsOptional() @IsIn(SERVICE_STATUSES) status?: ServiceStatus;
}
