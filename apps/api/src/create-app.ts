import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DondocConfig } from '@dondoc/config';
import { AppModule } from './app.module';
import { completeOpenApi } from './common/openapi-complete';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { createValidationPipe } from './common/validation.pipe';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug'];

/** The whole HTTP application, shared by main.ts and the e2e tests. */
export async function createApp(config: DondocConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    bodyParser: false,
  });
  // The client address (audit log) behind a reverse proxy: TRUST_PROXY names the hops to believe.
  app.set('trust proxy', config.trustProxy);
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('dondoc API')
    .setDescription(
      'Đôn đốc: deadlines, reminders and submissions for Party committee plans. ' +
        'Every error is `application/problem+json` naming the field at fault.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The token POST /auth/login answers' })
    .addCookieAuth('dondoc_session', {
      type: 'apiKey',
      in: 'cookie',
      description: 'Set by POST /auth/login; unsafe methods also need X-CSRF-Token (the dondoc_csrf cookie)',
    })
    .build();
  SwaggerModule.setup('docs', app, () => completeOpenApi(SwaggerModule.createDocument(app, doc)), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  return app;
}
