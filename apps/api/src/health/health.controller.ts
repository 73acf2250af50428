import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '../tokens';
import { HealthDto } from './health.dto';
import { Public } from '../auth/auth.decorators';

async function check(probe: () => Promise<unknown>): Promise<string> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3000)),
    ]);
    return 'ok';
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness of the API and its dependencies (public, for load balancers)' })
  @ApiOkResponse({ type: HealthDto, description: 'PostgreSQL and Temporal answer' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'One of them does not answer' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [postgres, temporal] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    const ok = postgres === 'ok' && temporal === 'ok';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', checks: { postgres, temporal } };
  }
}
