import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuthModule } from '../../api/src/auth/auth.module';
import { DeliverablesModule } from '../../api/src/deliverables/deliverables.module';
import { IssuesModule } from '../../api/src/issues/issues.module';
import { OfficerController } from './officer.controller';
import { BtgController } from './btg.controller';
import { BTG_PROVIDERS } from './btg-data.service';
import { AuditModule } from '../../api/src/audit/audit.module';
import { MailModule } from '../../api/src/mail/mail.module';
import { OrgModule } from '../../api/src/org/org.module';
import { PlansModule } from '../../api/src/plans/plans.module';
import { AdminBodyMiddleware } from './admin-body.middleware';
import { AdminOrgController } from './admin-org.controller';
import { AdminController } from './admin.controller';
import { BtvController } from './btv.controller';
import { RolesController } from './roles.controller';
import { SessionController, UiNotFoundController } from './session.controller';
import { UiBodyMiddleware } from './ui-body.middleware';
import { WebDataService } from './web-data.service';

/**
 * The web UI: server-rendered pages under /ui from the same Nest app and services as the JSON API
 * (see README "Web UI"). A new page: a template in ./pages (using layout() and the page helpers),
 * a route in a controller here with @Access, @UseFilters(UiExceptionFilter) and @ApiExcludeController.
 */
@Module({
  imports: [AuthModule, DeliverablesModule, IssuesModule, OrgModule, PlansModule, MailModule, AuditModule],
  // UiNotFoundController last: its catch-all must not shadow the routes above.
  controllers: [
    SessionController,
    OfficerController,
    RolesController,
    BtgController,
    BtvController,
    AdminController,
    AdminOrgController,
    UiNotFoundController,
  ],
  providers: [WebDataService, ...BTG_PROVIDERS],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(UiBodyMiddleware)
      .forRoutes(SessionController, OfficerController, RolesController, BtgController);
    consumer.apply(UiBodyMiddleware).forRoutes(BtvController);
    // The admin pages take plan and org files, and carry a checked plan text to its issue form.
    consumer.apply(AdminBodyMiddleware).forRoutes(AdminController, AdminOrgController);
  }
}
