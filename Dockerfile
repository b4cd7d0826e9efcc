# A first working image: the bot with its content and intents, run with tsx.
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY content ./content
COPY intents ./intents
USER node
# Until the web chat exists the bot talks in the terminal: run with `docker run -it`.
CMD ["node", "--import", "tsx", "src/main.ts"]
