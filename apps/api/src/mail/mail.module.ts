import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Mailer } from '@dondoc/mail';
import { MailController } from './mail.controller';
import { MailService } from './mail.service';
import { API_MAILER, apiMailerProvider } from './mailer.provider';

/** The mail log and admin resends; owns the API's pooled SMTP mailer. */
@Module({
  controllers: [MailController],
  providers: [MailService, apiMailerProvider],
  // The web UI (apps/web: the admin's failed-mail list and resend) uses the same service.
  exports: [MailService],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(API_MAILER) private readonly mailer: Mailer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.mailer.close();
  }
}
