import { DomainError } from '@flexmeasures/domain';
import { HttpException, HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { Readable, Transform } from 'node:stream';

/** Uploads are streamed, never held in memory; this only bounds how long one request may go on. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** Content types read as the CSV itself; no type at all is taken as CSV too. */
const RAW_CSV_TYPES = ['', 'text/csv', 'text/plain', 'application/csv', 'application/octet-stream'];

export function uploadTooLarge(): HttpException {
  return new HttpException(
    { status: 'PAYLOAD_TOO_LARGE', message: `The upload is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split the file and upload the parts one by one.` },
    HttpStatus.PAYLOAD_TOO_LARGE,
  );
}

/** Refuses a declared Content-Length over the limit before a byte of the body is read. */
export function refuseOversizedUpload(request: Request): void {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES) throw uploadTooLarge();
}

/**
 * Hands the CSV of a request to `consume` as a stream: the raw body
 * (text/csv), or the `file` field of a multipart/form-data form.
 */
export function withCsvBody<T>(request: Request, consume: (csv: Readable, totalBytes?: number) => Promise<T>): Promise<T> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'multipart/form-data') return fromForm(request, consume);
  if (RAW_CSV_TYPES.includes(type)) {
    const declared = Number(request.headers['content-length'] ?? NaN);
    return consume(request.pipe(byteLimit()), Number.isFinite(declared) ? declared : undefined);
  }
  throw new HttpException(
    { status: 'UNSUPPORTED_MEDIA_TYPE', message: `Send the CSV as the request body (Content-Type: text/csv) or as the "file" field of a multipart/form-data form, not as ${type}.` },
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  );
}

/** Errors the stream once more than the limit has passed (a body without Content-Length). */
function byteLimit(): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > MAX_UPLOAD_BYTES ? uploadTooLarge() : null, chunk);
    },
  });
}

function fromForm<T>(request: Request, consume: (csv: Readable) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let form: busboy.Busboy;
    try {
      form = busboy({ headers: request.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 20 } });
    } catch (error) {
      reject(new DomainError('BAD_REQUEST', `The form cannot be read: ${(error as Error).message}.`));
      return;
    }
    let imported: { result: T } | undefined;
    let formDone = false;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      request.unpipe(form);
      reject(error);
    };
    const finish = () => {
      if (imported && formDone && !failed) resolve(imported.result);
    };
    let started = false;
    form.on('file', (name, file) => {
      if (name !== 'file' || started) {
        file.resume(); // other files are skipped
        return;
      }
      started = true;
      // busboy cuts a file at the limit and ends it normally: make that an error.
      file.on('limit', () => file.destroy(uploadTooLarge()));
      consume(file).then((result) => {
        imported = { result };
        finish();
      }, fail);
    });
    form.on('error', (error) => fail(new DomainError('BAD_REQUEST', `The form cannot be read: ${(error as Error).message}.`)));
    form.on('close', () => {
      formDone = true;
      if (!started) fail(new DomainError('REQUIRED_INFO_MISSING', 'The form has no "file" field: send the CSV as the form field named file.', { field: 'file' }));
      finish();
    });
    request.pipe(form);
  });
}
