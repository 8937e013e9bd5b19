# syntax=docker/dockerfile:1
#
# FlexMeasures-TS worker: consumes the Bull queues (scheduling, forecasting)
# from Redis. No HTTP port. Includes the CLI for maintenance commands.
#
#   docker build -f docker/worker.Dockerfile -t flexmeasures-worker .
#
# Build context: the repository root (see /.dockerignore).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------- manifests --
# npm ci needs every workspace's package.json, not only the ones shipped here.
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

# ---------------------------------------------------------------- prod-deps --
FROM manifests AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund

# -------------------------------------------------------------------- build --
# Only the worker and the CLI (tsc -b follows their references to the libs),
# so api and dashboard changes do not invalidate this image's build.
FROM deps AS build
COPY tsconfig.base.json tsconfig.build.json nx.json ./
COPY libs libs
COPY apps/worker apps/worker
COPY apps/cli apps/cli
RUN npx tsc -b apps/worker apps/cli

# ------------------------------------------------------------------ runtime --
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="flexmeasures-worker" \
      org.opencontainers.image.description="FlexMeasures-TS job worker (Bull queues scheduling and forecasting) and the flexmeasures CLI" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="GPL-3.0-or-later" \
      org.opencontainers.image.vendor="FlexMeasures-TS"

ENV NODE_ENV=production \
    FLEXMEASURES_ENV=production \
    FLEXMEASURES_WORKER_QUEUES=scheduling,forecasting \
    DATA_DIR=/app/data

WORKDIR /app

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
COPY apps/worker/package.json apps/worker/package.json
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
COPY --from=build /app/apps/worker/dist apps/worker/dist
COPY --from=build /app/apps/cli/dist apps/cli/dist

RUN mkdir -p /app/data && chown node:node /app/data

# The node user of the base image (uid/gid 1000), numeric so that Kubernetes'
# runAsNonRoot can verify it.
USER 1000:1000

# No HEALTHCHECK: the worker serves no HTTP. If a worker dies, Bull's
# stalled-job check hands its active jobs back to the queue for another worker.

# Exec form: node receives SIGTERM directly, stops taking jobs and waits up to
# FLEXMEASURES_SHUTDOWN_TIMEOUT (default PT30S) for running ones.
STOPSIGNAL SIGTERM
CMD ["node", "apps/worker/dist/main.js"]
