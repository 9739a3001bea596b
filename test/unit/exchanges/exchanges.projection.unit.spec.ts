import { exchangesProjection } from '../../../src/application/exchanges/exchanges.projection';
import { projectionSpec } from '../../support/decider-spec';
import {
  AT, COUNTERPART, PROPOSER, accepted, cancelled, completed, counterpartDispatched, counterpartReceived, exchangeId, keys, offered, proposed,
  proposerDispatched, proposerReceived, requested,
} from './exchange.fixtures';

const given = projectionSpec(exchangesProjection);

const proposedAt = AT.proposed.toISOString();

describe('the exchanges read model', () => {
  it('holds a proposal with both lists of items and both sides', () =>
    given([proposed]).then({
      [exchangeId]: {
        status: 'proposed', ...keys, itemCount: 2, dispatchedBy: [], receivedBy: [], offered, requested,
        sides: { proposer: { library: PROPOSER }, counterpart: { library: COUNTERPART } }, proposedAt,
        version: 1, position: '1', updatedAt: proposedAt,
      },
    }));

  it('puts each dispatch and receipt on the side of the library that did it', () =>
    given([proposed, accepted, proposerDispatched, counterpartDispatched, counterpartReceived, proposerReceived, completed]).then({
      [exchangeId]: {
        status: 'completed', ...keys, itemCount: 2, dispatchedBy: [PROPOSER, COUNTERPART], receivedBy: [COUNTERPART, PROPOSER], offered, requested,
        sides: {
          proposer: { library: PROPOSER, dispatchedAt: AT.proposerDispatched.toISOString(), receivedAt: AT.proposerReceived.toISOString() },
          counterpart: { library: COUNTERPART, dispatchedAt: AT.counterpartDispatched.toISOString(), receivedAt: AT.counterpartReceived.toISOString() },
        },
        proposedAt, acceptedAt: AT.accepted.toISOString(), completedAt: AT.proposerReceived.toISOString(),
        version: 7, position: '7', updatedAt: AT.proposerReceived.toISOString(),
      },
    }));

  it('records who cancelled and why', () =>
    given([proposed, cancelled]).thenMatch({
      [exchangeId]: { status: 'cancelled', cancelledBy: PROPOSER, cancelledAt: AT.accepted.toISOString(), reason: 'Duplicates found in our stock' },
    }));

  it('makes no document of a step on an exchange it never saw proposed', () => given([accepted]).then({}));
});
