import { html } from '../html';
import { t } from '../i18n';
import { layout } from '../layout';
import { errorSummary, field, FieldErrors, PageContext } from '../page';

/** The hidden field of the sign-in form that must match the `dondoc_login` cookie. */
export const LOGIN_FIELD = '_login';

export interface LoginView {
  next?: string;
  username?: string;
  /** The sign-in form's own CSRF token (the `dondoc_login` cookie): no login forgery. */
  loginToken: string;
  errors: FieldErrors;
}

/** GET /ui/login: username and password, labelled; the form posts to /ui/login. */
export function loginPage(ctx: PageContext, v: LoginView): string {
  const action = v.next ? `/ui/login?next=${encodeURIComponent(v.next)}` : '/ui/login';
  return layout(ctx, {
    title: t(ctx.lang, 'login.title'),
    body: html`<form method="post" action="${action}" class="card narrow" novalidate>
      <input type="hidden" name="${LOGIN_FIELD}" value="${v.loginToken}" />
      ${errorSummary(ctx, v.errors, ['username', 'password'])}
      ${field(ctx, v.errors, {
        name: 'username',
        label: t(ctx.lang, 'login.username'),
        value: v.username,
        required: true,
        autocomplete: 'username',
      })}
      ${field(ctx, v.errors, {
        name: 'password',
        label: t(ctx.lang, 'login.password'),
        type: 'password',
        required: true,
        autocomplete: 'current-password',
      })}
      <button type="submit" class="primary">${t(ctx.lang, 'login.submit')}</button>
    </form>`,
  });
}
