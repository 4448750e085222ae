# syntax=docker/dockerfile:1
# CQMS chat: one image for `cqms bot`, `cqms worker` and the one-off commands (`cqms db migrate`, `cqms users add`).

# 1. Compile TypeScript with the dev dependencies. Install scripts are skipped: compiling needs no native module.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY core ./core
COPY adapters ./adapters
COPY bot ./bot
COPY migrations ./migrations
RUN npm run build

# 2. Production dependencies only, native modules included: sqlite3 builds from source when no prebuilt binary
#    is reachable, hence the compiler here (and only here). `prepare` (the TypeScript build) is not wanted.
FROM node:20-bookworm-slim AS prod-deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm pkg delete scripts.prepare \
 && npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# 3. Runtime: compiled code and production node_modules, run as the unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
# Charts are drawn locally with DejaVu Sans (adapters/charts/local-chart-renderer.ts).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --chown=node:node package.json ./
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# data/ holds the SQLite file (when DATABASE_URL is sqlite:), chart PNGs and exports written by the shell.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000 3001
# `cqms bot` and `cqms worker` stop gracefully on SIGTERM (compose adds an init process with `init: true`).
ENTRYPOINT ["node", "dist/bot/cli.js"]
CMD ["bot"]
