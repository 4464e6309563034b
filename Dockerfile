# syntax=docker/dockerfile:1
# One image per deployable: `docker build --build-arg SERVICE=<name> -t tym-<name> .` with
# SERVICE one of resourcing, referrals, planning, notifications, worker; and the migration
# Job's image with `--target migrate -t tym-migrate`. Each service image holds only its own
# package and production dependencies (`pnpm deploy`), compiled to JavaScript (`tsc -b`), and
# runs `node dist/server.js` as the unprivileged `node` user on a read-only root filesystem.
# infra/kubernetes/README.md describes the deployment.

ARG NODE_IMAGE=node:20.19-bookworm-slim

# --- build: the whole workspace, installed from the lockfile and compiled ---------------
FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm CI=true
RUN npm install --global --no-audit --no-fund pnpm@10.34.9
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm exec tsc -b

# --- deploy: one package with its production dependencies (workspace packages copied in) -
FROM build AS deploy
ARG SERVICE=resourcing
RUN test -f "services/${SERVICE}/src/server.ts" || { echo "no entry point services/${SERVICE}/src/server.ts"; exit 1; } \
 && pnpm --filter "@tym/${SERVICE}" deploy --legacy --prod /out \
 && test -f /out/dist/server.js

# --- migrate-deploy: the database package (migrations beside it) and resourcing (seed) ----
FROM build AS migrate-deploy
RUN pnpm --filter @tym/db deploy --legacy --prod /out/packages/db \
 && pnpm --filter @tym/resourcing deploy --legacy --prod /out/services/resourcing \
 && cp -r migrations /out/migrations \
 && cp infra/docker/migrate.mjs /out/migrate.mjs

# --- migrate: the Job run before a rollout (infra/kubernetes/base/migrate-job.yaml) -------
FROM ${NODE_IMAGE} AS migrate
ENV NODE_ENV=production
WORKDIR /app
COPY --from=migrate-deploy --chown=root:root /out /app
USER node
CMD ["node", "migrate.mjs"]

# --- runtime: the service (the default target) ---------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and not writable by the process; the pod's root filesystem is read-only too.
COPY --from=deploy --chown=root:root /out /app
USER node
EXPOSE 8080
CMD ["node", "dist/server.js"]
