# syntax=docker/dockerfile:1
# The all-in-one image: the static site, the report PDF and the gate, served by `npm start` (README: Deploy).
# SITE_URL is fixed at build time (canonical URLs, feed, sitemap, social images); build one image per origin:
#   docker build --build-arg SITE_URL=https://reports.example.com -t ml-trends .
# The build stage has the dev dependencies and typesets the report PDF (Typst, an npm package); the runtime stage has
# the production dependencies alone and never builds: a container whose SITE_URL or REPORT_PDF differs from
# the build's stops, saying to rebuild the image (src/gate/baked-build.ts).

FROM node:24-bookworm-slim AS build
# Typst typesets the report PDF during the build, with fonts from the project's packages, not the system's.
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ARG SITE_URL
ARG REPORT_PDF=on
RUN test -n "$SITE_URL" \
  || { echo 'Set the public origin: docker build --build-arg SITE_URL=https://reports.example.com ...' >&2; exit 1; }
ENV SITE_URL=$SITE_URL REPORT_PDF=$REPORT_PDF
# Builds the site and the PDF and writes dist/.build-stamp, without opening the lead store.
RUN node scripts/start.ts --build-only

FROM node:24-bookworm-slim AS runtime
# START_NO_BUILD: `npm start` serves the build made above as it is, or refuses; it never builds here.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4321 DATA_DIR=/data START_NO_BUILD=1
ARG SITE_URL
ARG REPORT_PDF=on
# The settings the build was made with: the container runs with them unless told otherwise.
ENV SITE_URL=$SITE_URL REPORT_PDF=$REPORT_PDF
# pg_dump, for `npm run leads -- backup` when DATABASE_URL points at PostgreSQL.
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only (the base image is Node 24: the `node` dev dependency is not needed); no
# install scripts: the project's would look for a browser, which nothing here uses.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# What `npm start` and `npm run leads` read at run time; owned by root, so the server cannot change them.
COPY scripts ./scripts
COPY src ./src
COPY content ./content
COPY --from=build /app/dist ./dist
RUN mkdir -p /data /backups && chown node:node /data /backups && chmod 700 /data /backups
USER node
# The lead database and generated secrets; backups (`npm run leads -- backup /backups/<file>`).
VOLUME ["/data", "/backups"]
EXPOSE 4321
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Checks the configuration and the build's settings, runs the migrations and serves.
CMD ["node", "scripts/start.ts"]
