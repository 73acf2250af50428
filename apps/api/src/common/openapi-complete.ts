import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from './problem';

const PROBLEM_SCHEMA = /^#\/components\/schemas\/\w*ProblemDto$/;

const KIND_BY_STATUS: Record<number, keyof typeof PROBLEM_TYPES> = {
  400: 'validation',
  401: 'http',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  422: 'validation',
  503: 'unavailable',
};

const TITLE_BY_STATUS: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Invalid request',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  503: 'Service unavailable',
};

interface MediaObject {
  schema?: { $ref?: string };
  example?: unknown;
  examples?: unknown;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaObject>;
}

/**
 * Every error the API answers is `application/problem+json`; the decorators document them with the
 * ProblemDto schema under application/json and often without an example. This states the real media
 * type and gives each error response that lacks one an example built from its status and description,
 * so every endpoint and error in /docs carries one.
 */
export function completeOpenApi(doc: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const op of Object.values(item as Record<string, { responses?: Record<string, ResponseObject> }>)) {
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        const status = Number(code);
        if (!(status >= 400) || !response.content) continue;
        // Any media type documented with a problem schema (ProblemDto or a specialised *ProblemDto,
        // also under a download route's binary types): the error really is problem+json, once.
        const problemTypes = Object.keys(response.content).filter((t) =>
          PROBLEM_SCHEMA.test(response.content![t].schema?.$ref ?? ''),
        );
        if (!problemTypes.length) continue;
        const json = response.content[problemTypes[0]];
        for (const t of problemTypes) delete response.content[t];
        response.content[PROBLEM_CONTENT_TYPE] = {
          ...json,
          ...(json.example || json.examples
            ? {}
            : {
                example: {
                  type: PROBLEM_TYPES[KIND_BY_STATUS[status] ?? 'http'],
                  title: TITLE_BY_STATUS[status] ?? 'Error',
                  status,
                  detail: response.description ?? TITLE_BY_STATUS[status] ?? 'Error',
                  instance: path.replace(/\{(\w+)\}/g, ':$1'),
                },
              }),
        };
      }
    }
  }
  return doc;
}
