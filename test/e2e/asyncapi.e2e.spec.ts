import { Parser } from '@asyncapi/parser';
import { EVENT_CATALOGUE } from '../../src/domain/catalogue/event-catalogue';
import { useLedger } from './support/use-ledger';

/** Spectral's severities: 0 is an error. */
const ERROR = 0;

describe('the AsyncAPI document', () => {
  const { ledger } = useLedger({ world: false });

  // The parser runs Spectral's rule set over the whole document: slow on a busy machine, hence the longer allowance.
  it('is valid AsyncAPI 3.0 and describes the live feed and webhooks with a message per event type', async () => {
    const response = await ledger().http().get('/asyncapi.json');
    expect(response.status).toBe(200);
    const { document, diagnostics } = await new Parser().parse(response.text);
    expect(diagnostics.filter((d) => d.severity === ERROR).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');

    const channels = Object.fromEntries(document!.channels().all().map((channel) => [channel.id(), channel]));
    expect(channels.live.address()).toBe('/v1/events/live');
    const types = EVENT_CATALOGUE.map((entry) => entry.type).sort();
    for (const id of ['live', 'webhook']) {
      expect(channels[id].messages().all().map((message) => message.id()).sort()).toEqual(types);
    }
    const shipped = channels.webhook.messages().all().find((message) => message.id() === 'LoanShipped')!;
    expect(Object.keys(shipped.headers()?.properties() ?? {})).toContain('webhook-signature');
    expect(Object.keys(shipped.payload()!.allOf()![1].properties()!.data.properties()!)).toEqual(expect.arrayContaining(['loanId', 'lender', 'borrower', 'dueOn']));
  }, 120_000);
});
