import type { ReadinessReport } from '@flexmeasures/contracts';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator';
import { ReadinessService } from './readiness.service';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process answers. Nothing else is checked, so a busy database never restarts pods. */
  @Get()
  @Access('health.live')
  @ApiOkResponse({ description: 'The process is alive.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database and the job queue answer; 503 (same body) when one does not. */
  @Get('ready')
  @Access('health.ready')
  @ApiOkResponse({ description: 'Database and job queue are reachable.' })
  @ApiServiceUnavailableResponse({ description: 'The database or the job queue is unreachable, or the process is stopping.' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    response.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
