import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';
import { OrgBodyMiddleware } from './org-body.middleware';
import { OrgController } from './org.controller';
import { OrgService } from './org.service';
import { UnitsController } from './units.controller';

@Module({
  controllers: [OrgController, UnitsController, ContactsController],
  providers: [OrgService, ContactsService],
  // The web UI (apps/web: the admin's org pages) uses the same services.
  exports: [OrgService, ContactsService],
})
export class OrgModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(OrgBodyMiddleware).forRoutes({ path: 'org/import', method: RequestMethod.POST });
  }
}
