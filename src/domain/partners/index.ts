export * from './partner.commands';
export * from './partner.errors';
export * from './partner.events';
export {
  decide, evolve, initialState, partnerDecider, partnerStanding,
  type ExistingPartner, type NoPartner, type Partner, type PartnerStatus,
} from './partner.decider';
