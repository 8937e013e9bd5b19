import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface Probe {
  readonly file: string;
  readonly code: string;
  /** A fragment of the expected boundary message, or null when the import is allowed. */
  readonly expected: RegExp | null;
}

const PROBES: Probe[] = [
  { file: 'libs/domain/src/boundary-probe-nest.ts', code: "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n", expected: /type:domain" is not allowed to import "@nestjs\/common"/ },
  { file: 'libs/domain/src/boundary-probe-fs.ts', code: "import * as fs from 'node:fs';\nexport const probe = fs;\n", expected: /Pure and browser code does no I\/O/ },
  { file: 'libs/domain/src/boundary-probe-ok.ts', code: 'export const probe = 1;\n', expected: null },
  { file: 'libs/contracts/src/boundary-probe-persistence.ts', code: "import { openDatabase } from '@flexmeasures/persistence';\nexport const probe = openDatabase;\n", expected: /type:contracts" can only depend on/ },
  { file: 'apps/api/src/boundary-probe-app.ts', code: "import * as worker from '@flexmeasures/worker';\nexport const probe = worker;\n", expected: /type:app" can only depend on/ },
  { file: 'apps/dashboard/src/boundary-probe-server.ts', code: "import { DataSource } from 'typeorm';\nexport const probe = DataSource;\n", expected: /scope:dashboard" is not allowed to import "typeorm"/ },
];

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

describe('module boundaries (lint)', () => {
  let results: LintResult[];

  beforeAll(() => {
    const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
    // The rule reads the cached project graph; make sure it exists.
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'], { cwd: ROOT, env, stdio: 'ignore' });
    PROBES.forEach((probe) => fs.writeFileSync(path.join(ROOT, probe.file), probe.code));
    try {
      const run = spawnSync(
        process.execPath,
        [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', '--rule', '{"@typescript-eslint/no-unused-vars":"off"}', ...PROBES.map((p) => p.file)],
        { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      );
      results = JSON.parse(run.stdout) as LintResult[];
    } finally {
      PROBES.forEach((probe) => fs.rmSync(path.join(ROOT, probe.file), { force: true }));
    }
  }, 120_000);

  it.each(PROBES.map((probe) => [probe.file, probe] as const))('%s', (_file, probe) => {
    const result = results.find((r) => r.filePath === path.join(ROOT, probe.file));
    expect(result).toBeDefined();
    const boundary = result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'no-restricted-imports');
    if (probe.expected === null) {
      expect(boundary).toEqual([]);
    } else {
      expect(boundary.map((m) => m.message).join('\n')).toMatch(probe.expected);
    }
  });
});
