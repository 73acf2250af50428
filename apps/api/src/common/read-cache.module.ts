import { Module } from '@nestjs/common';
import { ReadClock, ReadModelCache } from './read-model-cache';

/** One validated read cache (and its clock) shared by the plan and deliverable reads. */
@Module({ providers: [ReadClock, ReadModelCache], exports: [ReadClock, ReadModelCache] })
export class ReadCacheModule {}
