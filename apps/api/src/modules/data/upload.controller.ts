import type { Caller } from '@flexmeasures/assets';
import { BeliefEvents, findImportSensor, importBeliefs, ImportSummary } from '@flexmeasures/beliefs';
import { DomainError } from '@flexmeasures/domain';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE } from '@flexmeasures/server-core';
import { BadRequestException, Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import type { AuthenticatedRequest } from '../auth/access.guard';
import { callerOf } from '../assets/caller';
import { refuseOversizedUpload, withCsvBody } from './csv-upload-body';
import { readUploadQuery } from './upload-query';

export interface UploadBeliefsResponse {
  readonly type: 'UploadBeliefsResponse';
  readonly status: 'PROCESSED' | 'REJECTED_ROWS';
  readonly message: string;
  readonly summary: ImportSummary;
}

/** CSV uploads for the dashboard: the uploading user is the data source, as when posting meter data. */
@ApiTags('data')
@Controller()
export class UploadController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly events: BeliefEvents,
  ) {}

  /** `POST /api/v2_0/upload/beliefs?sensor=<id>&…`: the CSV as the body (text/csv) or as the form field `file`. */
  @Post('api/v2_0/upload/beliefs')
  @HttpCode(200)
  @Access('data.uploadBeliefs')
  @ApiConsumes('text/csv', 'multipart/form-data')
  async uploadBeliefs(@Req() request: AuthenticatedRequest, @Query() query: Record<string, unknown>): Promise<UploadBeliefsResponse> {
    try {
      refuseOversizedUpload(request);
      const caller = callerOf(request);
      const options = readUploadQuery(query);
      await this.checkMayUpload(options.sensor, caller);
      const { dataSource } = this.database;
      const summary = await withCsvBody(request, (csv, totalBytes) =>
        importBeliefs(csv, { ...options, source: { userId: caller.id }, totalBytes }, { dataSource, events: this.events }),
      );
      return { type: 'UploadBeliefsResponse', ...describe(summary), summary };
    } catch (error) {
      // Answering before the body was read: close the connection rather than read the rest of it.
      if (!request.complete) request.res?.setHeader('Connection', 'close');
      if (request.readableAborted) throw new BadRequestException({ status: 'BAD_REQUEST', message: 'The upload ended before the whole file arrived; send it again.' });
      throw error;
    }
  }

  /** Own assets for everyone with a USEF role; markets and weather sensors, which are shared, for administrators only. */
  private async checkMayUpload(sensorId: number, caller: Caller): Promise<void> {
    const sensor = await findImportSensor(this.database.dataSource.manager, sensorId);
    if (caller.isAdmin && sensor) return;
    if (!sensor || (sensor.kind === 'asset' && sensor.ownerId !== caller.id)) {
      // Someone else's asset reads exactly like a missing one, so ids cannot be probed.
      throw new DomainError('UNRECOGNIZED_ASSET', `Sensor ${sensorId} is not one of your assets; upload to an asset you own (GET /api/v2_0/assets lists them).`, {
        sensor: sensorId,
      });
    }
    if (sensor.kind !== 'asset') {
      throw new DomainError('INVALID_SENDER', `Only administrators may upload ${sensor.kind === 'market' ? 'prices' : 'weather data'}; ask one to upload this file.`);
    }
  }
}

function describe(summary: ImportSummary): Pick<UploadBeliefsResponse, 'status' | 'message'> {
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  if (summary.aborted) {
    return { status: 'REJECTED_ROWS', message: `${rows(summary.rejected)} rejected, so nothing was stored (all_or_nothing); fix the rows in summary.rejections and upload the file again.` };
  }
  if (summary.rejected > 0 && summary.stored + summary.alreadyKnown === 0) {
    return { status: 'REJECTED_ROWS', message: `${rows(summary.rejected)} rejected (see summary.rejections) and nothing was stored; check the query against the file, e.g. resample or timezone.` };
  }
  if (summary.rejected > 0) {
    return {
      status: 'REJECTED_ROWS',
      message: `${rows(summary.rejected)} rejected (see summary.rejections); the others were stored (${summary.stored} new beliefs, ${summary.alreadyKnown} already known). Fix the rejected rows and upload them.`,
    };
  }
  return { status: 'PROCESSED', message: `Stored ${summary.stored} new beliefs from ${rows(summary.rowsRead)}; ${summary.alreadyKnown} were already known.` };
}
