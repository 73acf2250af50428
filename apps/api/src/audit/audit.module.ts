import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuditMiddleware } from './audit.middleware';
import { AuditRecorder } from './audit-recorder.service';
import { AuditRoutes } from './audit-routes.service';
import { AuditService } from './audit.service';

/**
 * The audit log: a middleware on every route hooks the end of each response and records the
 * commands (see audit.middleware.ts); the admin API reads and exports the log.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [AuditController],
  providers: [AuditService, AuditRecorder, AuditRoutes, AuditMiddleware],
  exports: [AuditRecorder, AuditService],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
