import 'reflect-metadata';
import { describeModes, loadConfig } from '@flexmeasures/config';
import { runProcess } from '@flexmeasures/server-core';
import { createApiApp } from './create-api-app';

void runProcess('api', async (config, log) => {
  const { app, dashboardServed } = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  const modes = describeModes(config);
  log(`${config.ui.platformName} is running: open http://${host}:${port}/ (API docs at /api/docs)`);
  log(`database: ${modes.database}; jobs: ${modes.queue}`);
  if (!dashboardServed) log('the dashboard is not built; run `npm run build` to serve it at /');
  return app;
}, loadConfig);
