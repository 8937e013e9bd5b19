import { QueueName } from '@flexmeasures/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';

export class PingJobQueryDto {
  @ApiPropertyOptional({ enum: QueueName, default: QueueName.Scheduling, description: 'Queue to send the ping job through.' })
  @IsOptional()
  @IsEnum(QueueName, { message: `queue must be one of: ${Object.values(QueueName).join(', ')}` })
  queue: QueueName = QueueName.Scheduling;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 60, description: 'Seconds to wait for a worker to answer.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  timeout = 10;
}
