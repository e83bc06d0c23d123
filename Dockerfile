# syntax=docker/dockerfile:1
# sijill's service image: production dependencies only, a non-root user, a health check on
# /health/ready. Not built on the development machines (no Docker engine there): see README
# "Production with KurrentDB" for what was checked where.
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
# The only writable place: the SQLite ledger (embedded mode) and the read-model snapshot.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.SIJILL_PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node is PID 1 here: the service handles SIGTERM itself and shuts down gracefully.
CMD ["node", "--import", "tsx", "services/main.ts"]
