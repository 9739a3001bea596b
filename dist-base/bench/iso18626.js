"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * ISO 18626 throughput: how many messages a second the service checks against
 * their XSD, and takes end to end over `POST /v1/iso18626`, beside baselines
 * measured in the same run. Prints figures; it asserts nothing.
 *
 * Validation (one thread, one message at a time, the same six messages in
 * turn: a request, a supplyingAgencyMessage and a requestingAgencyMessage in
 * 1.2 and 2021-2, as the ledger renders them):
 *   - parse: `readMessage` (fast-xml-parser: well-formedness and a parse), what
 *     every message costs before its schema is looked at: the baseline;
 *   - the service's validator (`schemaErrors`);
 *   - xmllint-wasm's `validateXML`, which starts a new WebAssembly instance and
 *     reads the XSD again for every call: what the service used before.
 *
 * Round trip (the service in this process on a fresh SQLite file, over real
 * HTTP on 127.0.0.1): ISO 18626 requests, each a new loan, beside the same
 * loan requested over the JSON API (`POST /v1/loans`), one at a time and
 * `BENCH_CONCURRENCY` at once.
 *
 *   npm run bench:iso18626
 *   BENCH_SECONDS=2 BENCH_ROUNDTRIPS=20 npm run bench:iso18626   # a smoke run
 */
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_perf_hooks_1 = require("node:perf_hooks");
const xmllint_wasm_1 = require("xmllint-wasm");
const iso18626_1 = require("../src/domain/iso18626");
const config_1 = require("../src/infrastructure/config/config");
const http_app_1 = require("../src/infrastructure/http/http-app");
const iso18626_schemas_1 = require("../src/infrastructure/iso18626/iso18626.schemas");
const iso18626_xml_1 = require("../src/infrastructure/iso18626/iso18626.xml");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDTRIPS = Number(process.env.BENCH_ROUNDTRIPS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ADMIN_KEY = 'bench-coordinator-key-0123456789abcdef';
const BORROWER = 'ID-JKPNRI';
const LENDER = 'DE-1';
const XSD_DIR = (0, node_path_1.join)(__dirname, '../../src/infrastructure/iso18626/xsd');
const load = () => (0, node_os_1.loadavg)().map((l) => l.toFixed(2)).join(', ');
/** The six messages, as the ledger renders them. */
const messages = () => {
    const said = [
        { kind: 'request' },
        { kind: 'supplyingAgencyMessage', reasonForMessage: 'StatusChange', status: 'Loaned', dueOn: '2026-03-30' },
        { kind: 'requestingAgencyMessage', action: 'Received' },
    ];
    return iso18626_1.ISO18626_VERSIONS.flatMap((version) => said.map((message) => ({
        version,
        xml: (0, iso18626_xml_1.renderOutbound)({
            version, message, lender: LENDER, borrower: BORROWER, requestingAgencyRequestId: (0, node_crypto_1.randomUUID)(), supplyingAgencyRequestId: 'SUP-1',
            timestamp: new Date().toISOString(), item: { title: 'Serat Centhini', isbn: '9786020332956', author: 'Pakubuwana V', publisher: 'Balai Pustaka', year: 1991 },
        }),
    })));
};
/** Messages a second of `check`, run on the six messages in turn for `seconds` (at least one of each). */
const rate = async (seconds, check) => {
    const set = messages();
    // One of each first, outside the measure: loading, compiling.
    for (const { xml, version } of set)
        await check(xml, version);
    let done = 0;
    const start = node_perf_hooks_1.performance.now();
    while (done < set.length || node_perf_hooks_1.performance.now() - start < seconds * 1000) {
        const { xml, version } = set[done % set.length];
        await check(xml, version);
        done++;
    }
    const elapsed = (node_perf_hooks_1.performance.now() - start) / 1000;
    return { perSecond: done / elapsed, msEach: (elapsed * 1000) / done, done };
};
const xmllintWasm = (() => {
    const schemas = Object.fromEntries(iso18626_1.ISO18626_VERSIONS.map((version) => [version, (0, node_fs_1.readFileSync)((0, node_path_1.join)(XSD_DIR, iso18626_schemas_1.XSD_FILES[version]), 'utf8')]));
    return async (xml, version) => {
        const result = await (0, xmllint_wasm_1.validateXML)({ xml: [{ fileName: 'message.xml', contents: xml }], schema: [{ fileName: iso18626_schemas_1.XSD_FILES[version], contents: schemas[version] }] });
        if (!result.valid)
            throw new Error(result.rawOutput);
    };
})();
const must = async (response, what) => {
    const text = await response.text();
    if (response.status >= 300 || text.includes('<messageStatus>ERROR'))
        throw new Error(`${what}: ${response.status} ${text}`);
    return text;
};
const requestXml = (requestId) => `<?xml version="1.0" encoding="UTF-8"?>
<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2">
  <request>
    <header>
      <supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>${LENDER}</agencyIdValue></supplyingAgencyId>
      <requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>${BORROWER}</agencyIdValue></requestingAgencyId>
      <multipleItemRequestId></multipleItemRequestId>
      <timestamp>${new Date().toISOString()}</timestamp>
      <requestingAgencyRequestId>${requestId}</requestingAgencyRequestId>
    </header>
    <bibliographicInfo><title>Babad Tanah Jawi</title><author>Olthof</author></bibliographicInfo>
    <serviceInfo><requestType>New</requestType><serviceType>Loan</serviceType></serviceInfo>
  </request>
</ISO18626Message>
`;
/** Messages a second of `send`, `count` of them, `concurrency` at once. */
const throughput = async (count, concurrency, send) => {
    let next = 0;
    const start = node_perf_hooks_1.performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < count)
            await send(next++);
    }));
    const elapsed = (node_perf_hooks_1.performance.now() - start) / 1000;
    return { perSecond: count / elapsed, msEach: (elapsed * 1000) / count };
};
const roundTrips = async () => {
    const dataDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'ledger-bench-iso-'));
    const app = await (0, http_app_1.createHttpApp)((0, config_1.loadConfig)({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'error', LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' }));
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    try {
        const json = (path, key, body) => fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        for (const isil of [BORROWER, LENDER])
            await must(await json('/v1/partners', ADMIN_KEY, { isil, name: `Library ${isil}` }), `partner ${isil}`);
        const key = JSON.parse(await must(await json('/v1/api-keys', ADMIN_KEY, { role: 'librarian', isil: BORROWER }), 'key')).key;
        const { agreementId } = JSON.parse(await must(await json('/v1/agreements', ADMIN_KEY, {
            title: 'Benchmark network', focalPoint: LENDER, members: [BORROWER, LENDER], forms: ['loans'],
            startsOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
            terms: { loanPeriodDays: 28, maxRenewals: 2, goalRatio: 1, claimHoldDays: 90 },
        }), 'agreement'));
        const overJson = async () => must(await json('/v1/loans', key, { agreementId, lender: LENDER, item: { title: 'Babad Tanah Jawi', author: 'Olthof' } }), 'POST /v1/loans');
        const overIso = async () => must(await fetch(`${url}/v1/iso18626`, {
            method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/xml' }, body: requestXml(`BENCH-${(0, node_crypto_1.randomUUID)()}`),
        }), 'POST /v1/iso18626');
        // Warm both paths up.
        for (let i = 0; i < 5; i++) {
            await overJson();
            await overIso();
        }
        for (const concurrency of [1, CONCURRENCY]) {
            const viaJson = await throughput(ROUNDTRIPS, concurrency, overJson);
            const viaIso = await throughput(ROUNDTRIPS, concurrency, overIso);
            console.log(`  ${concurrency} at once: POST /v1/loans (JSON) ${viaJson.perSecond.toFixed(1)}/s (${viaJson.msEach.toFixed(2)} ms each); ` +
                `POST /v1/iso18626 request ${viaIso.perSecond.toFixed(1)}/s (${viaIso.msEach.toFixed(2)} ms each): ${(viaIso.perSecond / viaJson.perSecond).toFixed(2)} of JSON`);
        }
    }
    finally {
        await app.close();
        (0, node_fs_1.rmSync)(dataDir, { recursive: true, force: true });
    }
};
const main = async () => {
    console.log(`ISO 18626 messages, one at a time; load average at the start: ${load()}\n`);
    console.log(`validation (${SECONDS} s each, six messages in turn: request, supplyingAgencyMessage, requestingAgencyMessage in 1.2 and 2021-2)`);
    const parse = await rate(SECONDS, (xml) => (0, iso18626_xml_1.readMessage)(xml));
    console.log(`  parse (fast-xml-parser, readMessage), the baseline: ${parse.perSecond.toFixed(0)}/s (${parse.msEach.toFixed(3)} ms each)`);
    const service = await rate(SECONDS, async (xml, version) => {
        const errors = await (0, iso18626_schemas_1.schemaErrors)(xml, version);
        if (errors.length > 0)
            throw new Error(errors.join('; '));
    });
    console.log(`  the service's validator (schemaErrors):            ${service.perSecond.toFixed(0)}/s (${service.msEach.toFixed(3)} ms each): ${(parse.perSecond / service.perSecond).toFixed(1)}× the parse's time`);
    const wasm = await rate(SECONDS, xmllintWasm);
    console.log(`  xmllint-wasm validateXML, a new instance a call:  ${wasm.perSecond.toFixed(1)}/s (${wasm.msEach.toFixed(1)} ms each): ${(parse.perSecond / wasm.perSecond).toFixed(0)}× the parse's time`);
    console.log(`  the service's validator: ${(service.perSecond / wasm.perSecond).toFixed(1)}× the messages a second of xmllint-wasm\n`);
    console.log(`round trip (${ROUNDTRIPS} requests each, each a new loan; SQLite, fresh data dir, HTTP on 127.0.0.1)`);
    await roundTrips();
    console.log(`\nload average at the end: ${load()}`);
};
main().then(() => process.exit(0), (error) => {
    console.error(error);
    process.exit(1);
});
//# sourceMappingURL=iso18626.js.map