import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuthModule } from '../../api/src/auth/auth.module';
import { DeliverablesModule } from '../../api/src/deliverables/deliverables.module';
import { IssuesModule } from '../../api/src/issues/issues.module';
import { OfficerController } from './officer.controller';
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
  imports: [AuthModule, DeliverablesModule, IssuesModule],
  // UiNotFoundController last: its catch-all must not shadow the routes above.
  controllers: [SessionController, OfficerController, RolesController, UiNotFoundController],
  providers: [WebDataService],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UiBodyMiddleware).forRoutes(SessionController, OfficerController, RolesController);
  }
}
