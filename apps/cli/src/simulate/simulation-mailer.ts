import nodemailer, { Transport } from 'nodemailer';
import { Mailer, TransportReply, transportMailer } from '@dondoc/mail';

/**
 * The simulation's mail: the worker's own Mailer (transportMailer, as production's createSmtpMailer) over
 * a nodemailer transport that takes each compiled message in process. Nodemailer still composes it
 * and resolves its envelope, so a message it would refuse is refused here too; what is skipped is
 * encoding it and the SMTP round trip to a sink that discarded it (the sink kept nothing: the term's
 * record of its mail is the outbox, written by the postman before and after `send`). A term sends
 * ~10⁴ mails, some digests listing hundreds of deliverables: that transport was ~20 % of the
 * worker's main thread (README "Whole-term simulation").
 */
export function createSimulationMailer(): Mailer {
  const inProcess: Transport<TransportReply> = {
    name: 'dondoc-simulation',
    version: '1',
    send(mail, done) {
      const envelope = mail.message.getEnvelope();
      done(null, {
        envelope,
        messageId: mail.message.messageId(),
        accepted: envelope.to,
        rejected: [],
        response: '250 OK: handed over in process',
      });
    },
    close() {}, // nothing to let go of
  };
  return transportMailer(nodemailer.createTransport(inProcess));
}
