import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

const projectRoot = dirname(fileURLToPath(import.meta.url));
const workspaceRoot = resolve(projectRoot, '../..');
const DEFAULT_API_URL = 'http://127.0.0.1:5000';

function readAppVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8'));
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
    return manifest.version;
  }
  return '0.0.0';
}

export default defineConfig(({ mode }) => {
  // FLEXMEASURES_API_URL may come from the shell or from a .env file at the workspace root.
  const env = loadEnv(mode, workspaceRoot, 'FLEXMEASURES_');
  const apiUrl = process.env.FLEXMEASURES_API_URL ?? env.FLEXMEASURES_API_URL ?? DEFAULT_API_URL;
  const proxy = { '/api': { target: apiUrl, changeOrigin: true } };

  return {
    root: projectRoot,
    base: '/',
    envDir: workspaceRoot,
    plugins: [react()],
    define: {
      __APP_VERSION__: JSON.stringify(readAppVersion()),
    },
    resolve: {
      alias: [
        { find: /^@flexmeasures\/contracts$/, replacement: resolve(workspaceRoot, 'libs/contracts/src/index.ts') },
      ],
    },
    server: { port: 4200, strictPort: true, proxy },
    preview: { port: 4300, strictPort: true, proxy },
    build: {
      outDir: resolve(projectRoot, 'dist'),
      emptyOutDir: true,
      sourcemap: true,
      // mapbox-gl (~1.9 MB) is its own lazily loaded chunk; the initial bundle stays far below this.
      chunkSizeWarningLimit: 2000,
    },
  };
});
