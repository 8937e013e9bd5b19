# syntax=docker/dockerfile:1
#
# FlexMeasures-TS dashboard on its own: nginx serves the built single-page app
# and proxies /api/ to the api service (FLEXMEASURES_API_UPSTREAM, host:port).
# (The api image also serves the dashboard itself; use this one to scale or
# cache the front end separately.)
#
#   docker build -f docker/dashboard.Dockerfile -t flexmeasures-dashboard .
#
# Build context: the repository root (see /.dockerignore).

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginx:1.27-alpine

# ---------------------------------------------------------------- manifests --
# npm ci needs every workspace's package.json.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/package.json
COPY apps/worker/package.json apps/worker/package.json
COPY apps/cli/package.json apps/cli/package.json
COPY apps/dashboard/package.json apps/dashboard/package.json
COPY apps/dashboard-e2e/package.json apps/dashboard-e2e/package.json
COPY libs/domain/package.json libs/domain/package.json
COPY libs/contracts/package.json libs/contracts/package.json
COPY libs/config/package.json libs/config/package.json
COPY libs/persistence/package.json libs/persistence/package.json
COPY libs/jobs/package.json libs/jobs/package.json
COPY libs/accounts/package.json libs/accounts/package.json
COPY libs/assets/package.json libs/assets/package.json
COPY libs/beliefs/package.json libs/beliefs/package.json
COPY libs/solvers/package.json libs/solvers/package.json
COPY libs/server-core/package.json libs/server-core/package.json
COPY libs/testing/package.json libs/testing/package.json

# --------------------------------------------------------------------- deps --
FROM manifests AS deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

# -------------------------------------------------------------------- build --
# The libs are copied too: the dashboard may import shared code (e.g. contracts).
FROM deps AS build
COPY tsconfig.base.json tsconfig.json ./
COPY libs libs
COPY apps/dashboard apps/dashboard
RUN npx vite build --config apps/dashboard/vite.config.mts

# ------------------------------------------------------------------ runtime --
FROM ${NGINX_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="flexmeasures-dashboard" \
      org.opencontainers.image.description="FlexMeasures-TS dashboard (static single-page app on nginx, proxying /api/ to the api)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="GPL-3.0-or-later" \
      org.opencontainers.image.vendor="FlexMeasures-TS"

# The image's entrypoint renders /etc/nginx/templates/*.template into
# /etc/nginx/conf.d/ with envsubst, substituting only the variables matched by
# NGINX_ENVSUBST_FILTER (nginx's own $variables are left alone).
ENV FLEXMEASURES_API_UPSTREAM=api:5000 \
    NGINX_ENVSUBST_FILTER=^FLEXMEASURES_

# Unprivileged nginx (uid 101): pid file in /tmp (temp paths are set in
# nginx.conf), conf.d writable for the rendered template, no default site.
RUN sed -i 's#^pid .*#pid /tmp/nginx.pid;#' /etc/nginx/nginx.conf \
 && rm -f /etc/nginx/conf.d/default.conf \
 && chown -R 101:101 /etc/nginx/conf.d /var/cache/nginx

COPY docker/nginx.conf /etc/nginx/templates/default.conf.template
COPY --from=build /app/apps/dashboard/dist /usr/share/nginx/html

# The nginx user of the base image, numeric so that Kubernetes' runAsNonRoot
# can verify it.
USER 101:101

EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]

# nginx stops gracefully on SIGQUIT (the base image's STOPSIGNAL); exec form.
CMD ["nginx", "-g", "daemon off;"]
