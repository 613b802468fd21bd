# syntax=docker/dockerfile:1
# Two stages: the build stage has the dev dependencies and the C++ tool chain (node-gyp, for better-sqlite3 when no
# prebuilt binary fits) and runs scripts/production-build.sh, the same steps the production-steps test runs; the
# runtime stage gets only its output: compiled code, migrations and production dependencies.

FROM node:20-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY db ./db
COPY src ./src
RUN scripts/production-build.sh /app

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=8 \
    PORT=3000 \
    DATABASE_PATH=/data/should-we-finetune.db
WORKDIR /app
# The app's files stay root's: the app itself (user node) can write only to the database volume.
COPY --from=build /app ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTH_PORT || process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself, not npm: SIGTERM from `docker stop` reaches the app, which finishes the work in flight and exits.
CMD ["node", "dist/main.js"]
