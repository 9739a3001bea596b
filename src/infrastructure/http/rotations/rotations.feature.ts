import { Module } from '@nestjs/common';
import { ROTATION_HANDLERS } from '../../../application/rotations/rotation.handlers';
import { rotationsProjection } from '../../../application/rotations/rotations.projection';
import type { Feature } from '../../feature';
import { RotationsController } from './rotations.controller';

@Module({ controllers: [RotationsController], providers: [...ROTATION_HANDLERS] })
export class RotationsModule {}

export const rotationsFeature: Feature = { module: RotationsModule, projections: [rotationsProjection] };
