// multer (a dependency of @nestjs/platform-express) ships no types; the little the UI uses of it.
declare module 'multer' {
  import type { RequestHandler } from 'express';
  interface MulterError extends Error {
    code: string;
    field?: string;
  }
  interface Multer {
    single(field: string): RequestHandler;
  }
  interface Options {
    storage?: unknown;
    limits?: Record<string, number>;
    defParamCharset?: string;
  }
  interface MulterFactory {
    (o?: Options): Multer;
    memoryStorage(): unknown;
    MulterError: new (code: string, field?: string) => MulterError;
  }
  const multer: MulterFactory;
  export default multer;
}
