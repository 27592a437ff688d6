# syntax=docker/dockerfile:1
# One image for every Fly process group (web, worker, bot); fly.toml picks the command.

# Compiles the TypeScript to dist/ with the full dependency tree (typescript is a devDependency).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The lock file names the client package's workspace; npm ci links it from here.
COPY packages/client/package.json packages/client/package.json
# npm ci's postinstall applies patches/ to the dependencies it installs.
COPY patches patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY infra/ports.ts infra/ports.ts
COPY shared shared
COPY jobs jobs
COPY server server
COPY queue queue
COPY bots bots
COPY cli cli
COPY apps apps
COPY web web
RUN npm run build

# Production dependencies only, installed apart so no build tool reaches the final image.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The lock file names the client package's workspace; npm ci links it from here.
COPY packages/client/package.json packages/client/package.json
COPY patches patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# Debian's ffmpeg (and ffprobe), kept patched by the distribution: the worker reads uploaded videos
# with it, under prlimit (util-linux, in the base image). The package lists go with the layer.
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Owned by root and read-only to the app's user, so a compromised process cannot rewrite its code.
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
USER node
EXPOSE 3000
CMD ["node", "dist/apps/web.js"]
