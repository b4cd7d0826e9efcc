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
# The web chat on port 3000. Inside a container the server must listen on every interface to be
# reachable through a published port (`docker run -p 3000:3000 ...`); a local `npm start` keeps 127.0.0.1.
ENV HOST=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/main.ts"]
