import { servicesProjection } from '../../../src/application/services/services.projection';
import { projectionSpec } from '../../support/decider-spec';
import { AT, keys, rendered, serviceId, voided } from './service.fixtures';

const given = projectionSpec(servicesProjection);

describe('the services read model', () => {
  it('holds a service rendered, with its note', () =>
    given([rendered]).then({
      [serviceId]: {
        ...keys, note: 'Batch of Sundanese manuscripts', renderedAt: AT.rendered.toISOString(), status: 'rendered',
        version: 1, position: '1', updatedAt: AT.rendered.toISOString(),
      },
    }));

  it('keeps a voided service, marked voided with when and why', () =>
    given([rendered, voided]).then({
      [serviceId]: {
        ...keys, note: 'Batch of Sundanese manuscripts', renderedAt: AT.rendered.toISOString(), status: 'voided',
        voidedAt: AT.voided.toISOString(), voidReason: 'Recorded twice', version: 2, position: '2', updatedAt: AT.voided.toISOString(),
      },
    }));

  it('ignores a void of a service it never saw', () => given([voided]).then({}));
});
