import { Module } from '@nestjs/common';
import { DataModule } from '../data/data.module';
import { ForecastAccuracyController } from './forecast-accuracy.controller';
import { forecastAccuracyProvider, ForecastingOnNewData, forecastingTriggerProvider } from './forecasting.providers';

/** Forecasting: jobs queued when data lands (the job producer), and the accuracy of the forecasts. */
@Module({
  imports: [DataModule],
  controllers: [ForecastAccuracyController],
  providers: [forecastAccuracyProvider, forecastingTriggerProvider, ForecastingOnNewData],
})
export class ForecastingModule {}
