import { ApiMessage } from '@flexmeasures/contracts';
import { DomainError } from '@flexmeasures/domain';
import { QueueUnavailableError } from '@flexmeasures/jobs';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { httpStatusForDomainCode, statusName } from './status-names';

/**
 * Every error leaves as a USEF-style message { status, message }. Domain
 * errors keep their code; anything unexpected is logged with the request id
 * and answered with a 500 that carries the id, never internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiException');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const { httpStatus, body } = this.toMessage(exception, request.id);
    if (response.headersSent) return;
    response.status(httpStatus).json(body);
  }

  private toMessage(exception: unknown, requestId?: string): { httpStatus: number; body: ApiMessage } {
    if (exception instanceof DomainError) {
      return {
        httpStatus: httpStatusForDomainCode(exception.code),
        // Details are for logs and callers in code; only field errors (422) are part of the answer.
        body: { status: exception.code, message: exception.message, ...(exception.details?.errors ? { errors: exception.details.errors } : {}) },
      };
    }
    if (exception instanceof HttpException) {
      const httpStatus = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null && 'status' in payload && typeof payload.status === 'string') {
        return { httpStatus, body: payload as ApiMessage };
      }
      const message = typeof payload === 'string' ? payload : ((payload as { message?: unknown }).message ?? exception.message);
      return { httpStatus, body: { status: statusName(httpStatus), message: Array.isArray(message) ? message.join('; ') : String(message) } };
    }
    if (exception instanceof QueueUnavailableError) {
      return {
        httpStatus: HttpStatus.SERVICE_UNAVAILABLE,
        body: { status: 'SERVICE_UNAVAILABLE', message: `The job queue is unavailable: ${exception.message}. Try again shortly.` },
      };
    }
    this.logger.error({ err: exception, requestId }, 'unexpected error');
    return {
      httpStatus: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        status: 'INTERNAL_SERVER_ERROR',
        message: `Something went wrong on our side. Please report request id ${requestId ?? 'unknown'} to the platform operator.`,
        requestId,
      },
    };
  }
}
