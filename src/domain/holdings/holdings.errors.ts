import { DomainError } from '../shared/errors';

/** The command names one library but the stream holds another's titles: it was routed to the wrong stream. */
export class HoldingsOfAnotherLibrary extends DomainError {
  constructor(streamIsil: string, isil: string) {
    super('holdings-of-another-library', `These are the holdings of ${streamIsil}, not of ${isil}.`, 'invalid', 'isil');
  }
}
