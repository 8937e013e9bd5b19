import { ForecastAccuracyService } from '@flexmeasures/beliefs';
import type { ForecastAccuracyResponse } from '@flexmeasures/contracts';
import { BadRequestException, Controller, Get, Param, ParseIntPipe, Query, Req } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { callerOf } from '../assets/caller';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/access.guard';

const sensorId = new ParseIntPipe({
  exceptionFactory: () => new BadRequestException({ status: 'INVALID_REQUEST', message: 'The sensor id must be a whole number (an asset, market or weather sensor id).' }),
});

/** Forecast accuracy (§7.1, §12.3): how well the forecaster did, per horizon. */
@ApiTags('forecasting')
@Controller('api/v2_0')
export class ForecastAccuracyController {
  constructor(private readonly accuracy: ForecastAccuracyService) {}

  /**
   * MAE, WAPE and accuracy (1 − WAPE) of the forecaster's forecasts of a
   * sensor over [start, end): per horizon (1, 6, 24 and 48 hours, or the
   * one asked for), forecasts believed that long before their event ended
   * against the event's measurement.
   */
  @Get('sensors/:id/forecast-accuracy')
  @Access('forecasting.accuracy')
  @ApiQuery({ name: 'start', required: true, description: 'ISO 8601 with a time zone, e.g. 2015-01-01T00:00:00Z' })
  @ApiQuery({ name: 'end', required: true, description: 'ISO 8601 with a time zone (exclusive)' })
  @ApiQuery({ name: 'horizon', required: false, description: 'one horizon, e.g. PT6H (default: PT1H, PT6H, PT24H and PT48H)' })
  get(@Param('id', sensorId) id: number, @Query() query: Record<string, unknown>, @Req() request: AuthenticatedRequest): Promise<ForecastAccuracyResponse> {
    return this.accuracy.accuracy(callerOf(request), id, query);
  }
}
