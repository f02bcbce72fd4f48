# syntax=docker/dockerfile:1
# The all-in-one image: the static site, the report PDF and the gate, served by `npm start` (README: Deploy).
# SITE_URL is fixed at build time (canonical URLs, feed, sitemap, social images); build one image per origin:
#   docker build --build-arg SITE_URL=https://reports.example.com -t ml-trends .

FROM node:24-bookworm-slim AS build
# Chromium prints the report PDF during the build; the fonts it embeds come from the project, not the system.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV CHROMIUM_PATH=/usr/bin/chromium
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY src/integrations/browser.ts ./src/integrations/browser.ts
RUN npm ci --no-audit --no-fund
COPY . .
ARG SITE_URL=http://localhost:4321
ENV SITE_URL=$SITE_URL
# Builds the site and the PDF and writes dist/.build-stamp, without opening the lead store.
RUN node scripts/start.ts --build-only

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4321 DATA_DIR=/data
ARG SITE_URL=http://localhost:4321
ENV SITE_URL=$SITE_URL
# pg_dump, for `npm run leads -- backup` when DATABASE_URL points at PostgreSQL.
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME /data
EXPOSE 4321
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Runs the migrations, checks the configuration and serves; the build above is up to date, so none runs here.
CMD ["node", "scripts/start.ts"]
