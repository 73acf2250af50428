import { UNIT_TYPE_IDS, UNIT_TYPES } from '@dondoc/domain';
import type { OrgUnit } from '@dondoc/domain';
import type { StoredContact, VersionedUnit } from '@dondoc/persistence';
import { html, SafeHtml } from '../html';
import { formatDate, Lang, t } from '../i18n';
import { layout } from '../layout';
import { csrfField, errorSummary, facts, field, FieldErrors, PageContext } from '../page';
import { adminBack, dateField, selectField } from './admin-ui';

export type FormValues = Readonly<Record<string, string | undefined>>;
export interface FormState {
  values: FormValues;
  errors: FieldErrors;
}

const typeName = (lang: Lang, type: string): string =>
  (UNIT_TYPES as Record<string, { vi: string; en: string }>)[type]?.[lang] ?? type;

const unitOptions = (units: readonly OrgUnit[], none?: string) => [
  ...(none !== undefined ? [{ value: '', label: none }] : []),
  ...units.map((u) => ({ value: u.id, label: `${u.name} (${u.id})` })),
];

function tree(ctx: PageContext, units: readonly OrgUnit[]): SafeHtml {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, OrgUnit[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const branch = (parent: string | null, depth: number): SafeHtml => {
    const list = children.get(parent) ?? [];
    if (!list.length || depth > 10) return html``;
    return html`<ul class="${depth === 0 ? 'org-tree' : ''}">
      ${list.map(
        (u) =>
          html`<li data-unit="${u.id}">
            <a href="/ui/admin/units/${encodeURIComponent(u.id)}">${u.name}</a>
            <span class="muted">${u.id} · ${typeName(ctx.lang, u.type)}</span>
            ${
              u.contacts.length
                ? html`<ul class="contacts">
                    ${u.contacts.map(
                      (c) =>
                        html`<li>
                          ${c.name} &lt;${c.email}&gt;
                          <span class="muted"
                            >${t(ctx.lang, c.role === 'head' ? 'adm.contact.role.head' : 'adm.contact.role.officer')}</span
                          >
                        </li>`,
                    )}
                  </ul>`
                : ''
            }
            ${branch(u.id, depth + 1)}
          </li>`,
      )}
    </ul>`;
  };
  return branch(null, 0);
}

/** GET /ui/admin/org: the tree of units in force with their contacts; the form that creates a unit. */
export function orgTreePage(
  ctx: PageContext,
  v: { units: readonly OrgUnit[]; create: FormState; notice?: string },
): string {
  const x = v.create.values;
  return layout(ctx, {
    title: t(ctx.lang, 'adm.org'),
    notice: v.notice,
    body: html`${adminBack(ctx)}
      <p>${t(ctx.lang, 'adm.orgHelp')} ${t(ctx.lang, 'adm.unit.count', { n: v.units.length })}</p>
      ${tree(ctx, v.units)}
      <form method="post" action="/ui/admin/units" class="card" novalidate>
        <h2>${t(ctx.lang, 'adm.unit.create')}</h2>
        ${csrfField(ctx)}
        ${errorSummary(ctx, v.create.errors, ['id', 'unitName', 'type', 'parentId', 'validFrom'])}
        ${field(ctx, v.create.errors, { name: 'id', label: t(ctx.lang, 'adm.unit.id'), value: x.id, required: true })}
        ${field(ctx, v.create.errors, { name: 'unitName', label: t(ctx.lang, 'adm.unit.name'), value: x.unitName, required: true })}
        ${selectField(v.create.errors, {
          name: 'type',
          label: t(ctx.lang, 'adm.unit.type'),
          options: UNIT_TYPE_IDS.map((id) => ({ value: id, label: typeName(ctx.lang, id) })),
          value: x.type,
          required: true,
        })}
        ${selectField(v.create.errors, {
          name: 'parentId',
          label: t(ctx.lang, 'adm.unit.parent'),
          options: unitOptions(v.units, t(ctx.lang, 'adm.unit.none')),
          value: x.parentId,
        })}
        ${dateField(v.create.errors, { name: 'validFrom', label: t(ctx.lang, 'adm.unit.validFrom'), value: x.validFrom, required: true })}
        <button type="submit" class="primary">${t(ctx.lang, 'adm.unit.createSend')}</button>
      </form>`,
  });
}

export function contactFields(ctx: PageContext, s: FormState): SafeHtml {
  const x = s.values;
  return html`${field(ctx, s.errors, { name: 'name', label: t(ctx.lang, 'adm.contact.name'), value: x.name, required: true })}
    ${field(ctx, s.errors, { name: 'email', label: t(ctx.lang, 'adm.contact.email'), value: x.email, type: 'email', required: true })}
    ${selectField(s.errors, {
      name: 'role',
      label: t(ctx.lang, 'adm.contact.role'),
      options: [
        { value: 'officer', label: t(ctx.lang, 'adm.contact.role.officer') },
        { value: 'head', label: t(ctx.lang, 'adm.contact.role.head') },
      ],
      value: x.role,
      required: true,
    })}
    ${selectField(s.errors, {
      name: 'language',
      label: t(ctx.lang, 'adm.contact.language'),
      options: [
        { value: 'vi', label: t(ctx.lang, 'adm.contact.language.vi') },
        { value: 'en', label: t(ctx.lang, 'adm.contact.language.en') },
      ],
      value: x.language,
    })}
    <div class="check">
      <input
        type="checkbox"
        id="f-digest"
        name="digest"
        value="true"
        ${x.digest === 'true' ? html`checked` : ''}
      />
      <label for="f-digest">${t(ctx.lang, 'adm.contact.digest')}</label>
    </div>`;
}

function deleteContactForm(ctx: PageContext, c: StoredContact): SafeHtml {
  return html`<form
    method="post"
    action="/ui/admin/units/${encodeURIComponent(c.unitId)}/contacts/${c.id}/delete"
    class="inline"
  >
    ${csrfField(ctx)}
    <input type="hidden" name="version" value="${c.version}" />
    <button type="submit" class="link-button">${t(ctx.lang, 'adm.contact.delete', { name: c.name })}</button>
  </form>`;
}

export interface UnitView {
  unit: VersionedUnit;
  contacts: readonly StoredContact[];
  /** Units it may hang under (everything in force but itself). */
  parents: readonly OrgUnit[];
  parentName?: string;
  edit: FormState;
  add: FormState;
  notice?: string;
}

/** GET /ui/admin/units/:id: the unit, rename/move (its version carried in a hidden field), contacts. */
export function unitPage(ctx: PageContext, v: UnitView): string {
  const u = v.unit;
  return layout(ctx, {
    title: t(ctx.lang, 'adm.unit', { name: u.name }),
    notice: v.notice,
    body: html`<p><a href="/ui/admin/org">← ${t(ctx.lang, 'adm.org')}</a></p>
      ${facts([
        [t(ctx.lang, 'adm.unit.id'), u.id],
        [t(ctx.lang, 'adm.unit.type'), typeName(ctx.lang, u.type)],
        [t(ctx.lang, 'adm.unit.parent'), v.parentName ?? u.parentId ?? t(ctx.lang, 'adm.unit.none')],
        [t(ctx.lang, 'adm.unit.validFrom'), formatDate(u.validFrom)],
        !!u.validTo && [t(ctx.lang, 'adm.unit.validTo'), formatDate(u.validTo)],
        [t(ctx.lang, 'adm.col.version'), String(u.version)],
      ])}
      <section aria-labelledby="h-contacts">
        <h2 id="h-contacts">${t(ctx.lang, 'adm.unit.contacts')}</h2>
        ${
          v.contacts.length
            ? html`<div class="table-wrap">
                <table class="contacts">
                  <thead>
                    <tr>
                      <th scope="col">${t(ctx.lang, 'adm.contact.name')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.contact.email')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.contact.role')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.contact.language')}</th>
                      <th scope="col">${t(ctx.lang, 'adm.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${v.contacts.map(
                      (c) =>
                        html`<tr data-contact="${c.email}">
                          <td>${c.name}</td>
                          <td>${c.email}</td>
                          <td>
                            ${t(ctx.lang, c.role === 'head' ? 'adm.contact.role.head' : 'adm.contact.role.officer')}
                          </td>
                          <td>${c.language}${c.digest ? ' · digest' : ''}</td>
                          <td>
                            <a href="/ui/admin/units/${encodeURIComponent(c.unitId)}/contacts/${c.id}"
                              >${t(ctx.lang, 'adm.contact.editLink')}</a
                            >
                            ${deleteContactForm(ctx, c)}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p>${t(ctx.lang, 'adm.unit.noContacts')}</p>`
        }
      </section>
      <form
        method="post"
        action="/ui/admin/units/${encodeURIComponent(u.id)}/contacts"
        class="card"
        novalidate
      >
        <h2>${t(ctx.lang, 'adm.contact.add')}</h2>
        ${csrfField(ctx)} ${errorSummary(ctx, v.add.errors, ['name', 'email', 'role', 'language'])}
        ${contactFields(ctx, v.add)}
        <button type="submit" class="primary">${t(ctx.lang, 'adm.contact.add')}</button>
      </form>
      <form method="post" action="/ui/admin/units/${encodeURIComponent(u.id)}" class="card" novalidate>
        <h2>${t(ctx.lang, 'adm.unit.edit')}</h2>
        ${csrfField(ctx)}
        <input type="hidden" name="version" value="${v.edit.values.version ?? String(u.version)}" />
        ${errorSummary(ctx, v.edit.errors, ['unitName', 'parentId'])}
        ${field(ctx, v.edit.errors, { name: 'unitName', label: t(ctx.lang, 'adm.unit.name'), value: v.edit.values.unitName ?? u.name, required: true })}
        ${selectField(v.edit.errors, {
          name: 'parentId',
          label: t(ctx.lang, 'adm.unit.parent'),
          options: unitOptions(v.parents, t(ctx.lang, 'adm.unit.none')),
          value: v.edit.values.parentId ?? u.parentId ?? '',
        })}
        <button type="submit" class="primary">${t(ctx.lang, 'adm.unit.save')}</button>
      </form>`,
  });
}

/** GET /ui/admin/contacts/:id: change one contact (version in a hidden field) or remove it. */
export function contactPage(
  ctx: PageContext,
  v: { contact: StoredContact; unitName: string; form: FormState; notice?: string },
): string {
  const c = v.contact;
  return layout(ctx, {
    title: t(ctx.lang, 'adm.contact.edit'),
    notice: v.notice,
    body: html`<p>
        <a href="/ui/admin/units/${encodeURIComponent(c.unitId)}">← ${v.unitName}</a>
      </p>
      <form
        method="post"
        action="/ui/admin/units/${encodeURIComponent(c.unitId)}/contacts/${c.id}"
        class="card"
        novalidate
      >
        ${csrfField(ctx)}
        <input type="hidden" name="version" value="${v.form.values.version ?? String(c.version)}" />
        ${errorSummary(ctx, v.form.errors, ['name', 'email', 'role', 'language'])}
        ${contactFields(ctx, v.form)}
        <button type="submit" class="primary">${t(ctx.lang, 'adm.contact.save')}</button>
      </form>
      ${deleteContactForm(ctx, c)}`,
  });
}
