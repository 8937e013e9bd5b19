/**
 * Checks of docker/nginx.conf against the dashboard image: balanced braces
 * and terminated directives, the port the image EXPOSEs, the root it copies
 * the build to, the SPA fallback, the /api/ proxy, /healthz, writable temp
 * paths, and ${VARIABLES} that the image's envsubst will fill in.
 */
import * as fs from 'node:fs';
import { type Dockerfile, finalStage } from './dockerfile';
import { NGINX_CONF_FILE } from './repository';
import { builtFolders } from './stage-contents';

const TEMP_PATH_DIRECTIVES = ['client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path', 'scgi_temp_path'];

export const readNginxConf = (): string => fs.readFileSync(NGINX_CONF_FILE, 'utf8');

/** The exact-match locations (`location = /path {`), e.g. the probe endpoints. */
export function nginxExactLocations(text: string): string[] {
  return [...text.matchAll(/^\s*location\s+=\s+(\S+)\s*\{/gm)].map((match) => match[1]);
}

export function nginxProblems(text: string, dockerfile: Dockerfile): string[] {
  const code = text
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .join('\n');
  const problems = syntaxProblems(code);

  const final = finalStage(dockerfile);
  const listen = /^\s*listen\s+(\d+)\s*;/m.exec(code)?.[1];
  if (!listen || !final.expose.includes(listen)) {
    problems.push(`nginx.conf: listens on ${listen ?? 'nothing'} but ${dockerfile.file} EXPOSEs ${final.expose.join(', ') || 'nothing'}`);
  }
  const root = /^\s*root\s+(\S+);/m.exec(code)?.[1];
  if (!root || !builtFolders(dockerfile).includes(root)) {
    problems.push(`nginx.conf: root ${root ?? '(none)'} is not where ${dockerfile.file} copies the dashboard build`);
  }
  const spa = nginxLocationBody(code, '/');
  if (!spa || !/try_files[^;]*\s\/index\.html\s*;/.test(spa)) {
    problems.push('nginx.conf: location / needs try_files ... /index.html (single-page app fallback)');
  }
  const api = nginxLocationBody(code, '/api/');
  if (!api || !/proxy_pass\s+http:\/\/\$\{FLEXMEASURES_API_UPSTREAM\}\s*;/.test(api)) {
    problems.push('nginx.conf: location /api/ must proxy_pass http://${FLEXMEASURES_API_UPSTREAM} (no URI part)');
  }
  if (!nginxExactLocations(text).includes('/healthz')) problems.push('nginx.conf: needs location = /healthz for the probes');
  // Unprivileged nginx: temp files must go to a writable place.
  for (const directive of TEMP_PATH_DIRECTIVES) {
    if (!new RegExp(`^\\s*${directive}\\s+/tmp/`, 'm').test(code)) problems.push(`nginx.conf: ${directive} must be under /tmp`);
  }
  // envsubst replaces only variables the image defines and the filter admits.
  const filter = new RegExp(final.env.NGINX_ENVSUBST_FILTER ?? '.*');
  for (const [, name] of code.matchAll(/\$\{(\w+)\}/g)) {
    if (final.env[name] === undefined || !filter.test(name)) {
      problems.push(`nginx.conf: \${${name}} has no ENV default in ${dockerfile.file} or is not matched by NGINX_ENVSUBST_FILTER`);
    }
  }
  const template = final.copies.find((copy) => copy.sources.includes('docker/nginx.conf'));
  if (!template || !/^\/etc\/nginx\/templates\/[^/]+\.conf\.template$/.test(template.mappings[0].target)) {
    problems.push(`${dockerfile.file}: must copy docker/nginx.conf to /etc/nginx/templates/<name>.conf.template`);
  }
  return problems;
}

/** Unbalanced braces and directives that do not end with ; { or } (comments already removed). */
function syntaxProblems(code: string): string[] {
  const problems: string[] = [];
  let depth = 0;
  code.split('\n').forEach((line, i) => {
    if (line === '') return;
    for (const c of line.replace(/"[^"]*"/g, '').replace(/\$\{\w+\}/g, '')) {
      if (c === '{') depth++;
      if (c === '}') depth--;
      if (depth < 0) problems.push(`nginx.conf:${i + 1}: unbalanced }`);
    }
    if (!/[;{}]$/.test(line)) problems.push(`nginx.conf:${i + 1}: directive does not end with ; { or }: ${line}`);
  });
  if (depth !== 0) problems.push(`nginx.conf: ${depth} unclosed {`);
  return problems;
}

/** Body of `location [^~] <prefix> { ... }` (comments already removed), or undefined. */
function nginxLocationBody(code: string, prefix: string): string | undefined {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const start = new RegExp(`location\\s+(?:\\^~\\s+)?${escaped}\\s*\\{`).exec(code);
  if (!start) return undefined;
  // Up to the matching brace; ${VARIABLES} contain braces of their own.
  let depth = 1;
  const body = code.slice(start.index + start[0].length).replace(/\$\{\w+\}/g, (v) => v.replace(/[{}]/g, '_'));
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    if (body[i] === '}' && --depth === 0) return code.slice(start.index + start[0].length, start.index + start[0].length + i);
  }
  return undefined;
}
