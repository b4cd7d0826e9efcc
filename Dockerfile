# syntax=docker/dockerfile:1
# Spa Concierge, as an image: the bot bundled by esbuild, on plain node.
#   docker build -t spa-concierge . && docker run -p 3000:3000 spa-concierge
# Settings come from the environment at run time (REDIS_URL, TELEGRAM_BOT_TOKEN, ...; see README.md);
# none is baked in. `npm run check:image` builds this file with buildah and checks the image it makes.

# Build stage: every dependency (esbuild, tsx) to bundle src/ into dist/ (main.js and its chunks) and to train the
# intent model into .cache/, so the image neither compiles nor trains when it starts.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm's download cache is a build cache (BuildKit), kept between builds and out of the image.
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.ts ./scripts/
COPY src ./src
COPY content ./content
COPY intents ./intents
RUN npm run build

# Runtime stage: production dependencies (for anything a bundle cannot hold, such as optional native
# add-ons), and from the build stage only the bundled code, the
# trained model and the data it was trained from (the model is found by a hash of intents/).
FROM node:24-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
# glibc gives each thread that allocates (V8's compiler and GC workers, libuv's pool) a malloc arena of its
# own, and what is freed in them stays resident: two arenas keep some 10 MB less after 10,000 messages
# (one arena, 20 MB less, but start-up then takes half as much CPU again, the threads waiting on its lock).
# `npm run bench startup` starts the bot with this stage's ENV, as the image does.
ENV MALLOC_ARENA_MAX=2
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY --from=build /app/.cache ./.cache
COPY --from=build /app/content ./content
COPY --from=build /app/intents ./intents
# Everything above belongs to root and cannot be changed by the bot's own user.
USER node
# The web chat, the health checks and the webhooks. HOST=0.0.0.0 makes the port reachable when
# published (`-p 3000:3000`); a local `npm start` keeps 127.0.0.1.
EXPOSE 3000
# slim has no curl: node asks /healthz itself (liveness only; /readyz also needs the store).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself as the main process: it gets docker stop's SIGTERM and shuts down cleanly.
# --max-old-space-size caps the heap at 256 MB (about 50 MB is live after 10,000 messages in English
# alone; with all five languages' models in use about 120 MB, which a 128 MB cap cannot hold): without
# a cap, V8 on a large host lets garbage pile up to several hundred MB between full collections.
# --optimize-for-size makes V8 favour memory over speed (among other things a small young generation
# and a heap that grows slowly): about 130 MB resident after 10,000 messages instead of 145, for
# some 20% fewer messages a second, still hundreds a second (docs/benchmarks.md).
CMD ["node", "--max-old-space-size=256", "--optimize-for-size", "dist/main.js"]
