# syntax=docker/dockerfile:1
# sijill's service image: production dependencies only, the map page built in a stage of its
# own, a non-root user, a health check on /health/ready. Not built on the development machines
# (no Docker engine there): see README "Production with KurrentDB" for what was checked where;
# test/docker/dockerfile.test.ts checks this file's stages without an engine.
ARG NODE_IMAGE=node:20-bookworm-slim

# Production dependencies. better-sqlite3 compiles when no prebuilt binary is reachable; the
# KurrentDB client's native part (@kurrent/bridge) is a prebuilt package per platform.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force

# The map page and the service bundle, built with the development dependencies (esbuild, the
# Arabic font) that the runtime image leaves out; only their output, dist/, goes further.
# Install scripts are skipped: esbuild's API finds its binary in its per-platform package
# without them, and nothing here needs better-sqlite3 compiled.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY web ./web
COPY build ./build
COPY domain ./domain
COPY projections ./projections
COPY services ./services
RUN npx tsx build/all.ts

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# The embedded SQLite ledger by default; docker-compose.yml points SIJILL_STORE at KurrentDB.
ENV SIJILL_HOST=0.0.0.0 \
    SIJILL_PORT=3000 \
    SIJILL_STORE=/app/data/sijill.db
# Code and dependencies stay owned by root: the service can read them, not change them.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY domain ./domain
COPY projections ./projections
COPY services ./services
# Served at / (services/http/routes/pages.ts); without it / answers 503 page_not_built.
COPY --from=build /app/dist/web ./dist/web
# What CMD runs (build/service.ts); the sources above stay for the command-line tools (tsx).
COPY --from=build /app/dist/service ./dist/service
# The only writable place: the SQLite ledger (embedded mode) and the read-model snapshot.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.SIJILL_PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node is PID 1 here: the service handles SIGTERM itself and shuts down gracefully.
CMD ["node", "dist/service/main.mjs"]
