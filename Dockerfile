# syntax=docker/dockerfile:1
# Not built on the development machines (no Docker engine there); see README "Running in a container".
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV SIJILL_HOST=0.0.0.0 SIJILL_PORT=3000 SIJILL_STORE=/app/data/sijill.db
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY domain ./domain
COPY projections ./projections
COPY services ./services
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:3000/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "services/main.ts"]
