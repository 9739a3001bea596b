import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StoreClosedError } from '../../../src/application/ports/event-store.port';
import { WalSyncError } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { sendProblem, toProblem } from '../../../src/infrastructure/http/problem/problem.filter';

describe('the problem a failing event store answers with', () => {
  it('a store that could not sync its log: 503 store-failed, saying it refuses writes until restarted', () => {
    const answer = toProblem(new WalSyncError(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })));
    expect(answer).toMatchObject({ status: 503, code: 'store-failed', type: 'urn:resource-sharing-ledger:problem:store-failed' });
    expect(answer.detail).toMatch(/refuses appends until the service is restarted/);
  });

  it('a store closing for a shutdown stays 503 shutting-down, and an unknown error stays 500', () => {
    expect(toProblem(new StoreClosedError())).toMatchObject({ status: 503, code: 'shutting-down' });
    expect(toProblem(new Error('boom'))).toMatchObject({ status: 500, code: 'internal' });
  });
});

describe('the log line of an unexpected error', () => {
  it('names the request it failed by its reqId, and the client gets a 500 without the stack', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const reply = { status: jest.fn().mockReturnThis(), header: jest.fn().mockReturnThis(), send: jest.fn().mockReturnThis() };
    try {
      sendProblem({ id: 'request-7', url: '/v1/services' } as FastifyRequest, reply as unknown as FastifyReply, new Error('boom in a handler'));
      expect(logged).toHaveBeenCalledWith({ reqId: 'request-7' }, expect.stringContaining('boom in a handler'));
      expect(reply.status).toHaveBeenCalledWith(500);
      expect(JSON.stringify(reply.send.mock.calls[0][0])).not.toContain('boom in a handler');
    } finally {
      logged.mockRestore();
    }
  });
});
