# syntax=docker/dockerfile:1
#
# FlexMeasures-TS api: HTTP API + the built dashboard (served at /), plus the
# CLI (for `db upgrade` in the migration job).
#
#   docker build -f docker/api.Dockerfile -t flexmeasures-api .
#
# Build context: the repository root (see /.dockerignore).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------- manifests --
# Only what npm needs to resolve the workspaces, so the install layers stay
# cached until a package.json or the lockfile changes. npm ci needs every
# workspace's package.json, not only the ones this image ships.
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
# All dependencies (TypeScript, Vite, ...) for the build.
FROM manifests AS deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

# ---------------------------------------------------------------- prod-deps --
# Production dependencies only; the workspaces are symlinked into
# node_modules/@flexmeasures/* and resolve to the folders copied below.
FROM manifests AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund

# -------------------------------------------------------------------- build --
FROM deps AS build
COPY tsconfig.base.json tsconfig.build.json tsconfig.json nx.json ./
COPY libs libs
COPY apps apps
RUN npx tsc -b tsconfig.build.json \
 && npx vite build --config apps/dashboard/vite.config.mts

# ------------------------------------------------------------------ runtime --
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="flexmeasures-api" \
      org.opencontainers.image.description="FlexMeasures-TS HTTP API with the embedded dashboard and the flexmeasures CLI" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="GPL-3.0-or-later" \
      org.opencontainers.image.vendor="FlexMeasures-TS"

# HOST=0.0.0.0: listen on the container's interface, not only on loopback.
# DATA_DIR holds the mail outbox (when MAIL_SERVER is unset) and, without
# DATABASE_URL, the embedded database and a generated secret key.
ENV NODE_ENV=production \
    FLEXMEASURES_ENV=production \
    HOST=0.0.0.0 \
    PORT=5000 \
    DATA_DIR=/app/data

WORKDIR /app

# Code stays owned by root (read-only for the process); only DATA_DIR is writable.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
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
COPY apps/api/package.json apps/api/package.json
COPY apps/cli/package.json apps/cli/package.json
COPY --from=build /app/libs/domain/dist libs/domain/dist
COPY --from=build /app/libs/contracts/dist libs/contracts/dist
COPY --from=build /app/libs/config/dist libs/config/dist
COPY --from=build /app/libs/persistence/dist libs/persistence/dist
COPY --from=build /app/libs/jobs/dist libs/jobs/dist
COPY --from=build /app/libs/accounts/dist libs/accounts/dist
COPY --from=build /app/libs/assets/dist libs/assets/dist
COPY --from=build /app/libs/beliefs/dist libs/beliefs/dist
COPY --from=build /app/libs/solvers/dist libs/solvers/dist
COPY --from=build /app/libs/server-core/dist libs/server-core/dist
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/cli/dist apps/cli/dist
COPY --from=build /app/apps/dashboard/dist apps/dashboard/dist

RUN mkdir -p /app/data && chown node:node /app/data

# The node user of the base image (uid/gid 1000), numeric so that Kubernetes'
# runAsNonRoot can verify it.
USER 1000:1000

EXPOSE 5000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 5000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Exec form: node receives SIGTERM directly and shuts down gracefully
# (FLEXMEASURES_SHUTDOWN_TIMEOUT, default PT30S); give it more than that
# (docker stop -t 45, compose stop_grace_period, k8s terminationGracePeriodSeconds).
STOPSIGNAL SIGTERM
CMD ["node", "apps/api/dist/main.js"]
