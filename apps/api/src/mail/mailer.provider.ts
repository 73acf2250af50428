import { Provider } from '@nestjs/common';
import { DondocConfig } from '@dondoc/config';
import { createSmtpMailer, Mailer } from '@dondoc/mail';
import { DONDOC_CONFIG } from '../tokens';

/** The API's own SMTP mailer (admin resends): pooled, created once, closed by MailModule on shutdown. */
export const API_MAILER = Symbol('API_MAILER');

export const apiMailerProvider: Provider<Mailer> = {
  provide: API_MAILER,
  inject: [DONDOC_CONFIG],
  useFactory: (config: DondocConfig) => createSmtpMailer(config.smtpUrl, { pool: true, maxConnections: 2 }),
};
