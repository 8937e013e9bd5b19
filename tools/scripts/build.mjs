// npm run build: compile the server apps and libs, and build the dashboard.
import { buildDashboard, buildServer, ensureDependencies } from './setup.mjs';

ensureDependencies();
buildServer();
buildDashboard({ force: process.argv.includes('--force') });
console.log('Build complete.');
