import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { CORRELATION_ID, tracer } from '../../application/operations/tracing';
import { correlationIdOf } from '../http/auth/command-context.decorator';

/**
 * The server span of a request, active while its handler runs so that the
 * command, the append and the fold are its children. A `traceparent` header
 * from the caller makes it part of the caller's trace.
 */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = execution.switchToHttp().getRequest<FastifyRequest>();
    const route = request.routeOptions.url ?? 'unmatched';
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          [CORRELATION_ID]: correlationIdOf(request) ?? request.id,
          'ledger.request_id': request.id,
        },
      },
      parent,
    );
    return new Observable((subscriber) => {
      const inner = context.with(trace.setSpan(parent, span), () => next.handle()).subscribe({
        next: (value) => subscriber.next(value),
        error: (error: unknown) => {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
          span.end();
          subscriber.error(error);
        },
        complete: () => {
          span.end();
          subscriber.complete();
        },
      });
      return () => inner.unsubscribe();
    });
  }
}
