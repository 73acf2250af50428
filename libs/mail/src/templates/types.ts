/** Languages a contact can receive mail in; Vietnamese is the default everywhere. */
export type Lang = 'vi' | 'en';

/** What every template returns: ready to put into an `OutgoingMail`. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}
