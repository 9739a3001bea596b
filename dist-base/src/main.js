"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const common_1 = require("@nestjs/common");
const config_1 = require("./infrastructure/config/config");
const http_app_1 = require("./infrastructure/http/http-app");
const tracing_1 = require("./infrastructure/operations/tracing");
const main = async () => {
    let config;
    let app;
    try {
        config = (0, config_1.loadConfig)();
        const tracing = (0, tracing_1.startTracing)();
        app = await (0, http_app_1.createHttpApp)(config);
        if (tracing)
            app.getHttpAdapter().getInstance().addHook('onClose', () => tracing.shutdown());
        await app.listen(config.port, config.host);
    }
    catch (error) {
        if (error instanceof config_1.ConfigError) {
            process.stderr.write(`resource-sharing-ledger: bad setting ${error.message}\n`);
            process.exit(78); // EX_CONFIG
        }
        throw error;
    }
    const url = await app.getUrl();
    new common_1.Logger('Ledger').log({ event: 'ledger.listening', url, dataDir: config.dataDir }, `listening on ${url} with data in ${config.dataDir}`);
};
main().catch((error) => {
    process.stderr.write(`resource-sharing-ledger: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=main.js.map