# The service on the embedded SQLite store. better-sqlite3 builds natively, hence the toolchain in the build stage.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY web ./web
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production LEDGER_DATA_DIR=/data PORT=3000
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
VOLUME /data
EXPOSE 3000
USER node
# As `npm start` runs it (package.json): V8 marks the heap on one thread beside the event loop (README, Operations: Node's flags).
CMD ["node", "--concurrent-marking-max-worker-num=1", "dist/main.js"]
