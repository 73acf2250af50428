import type { DeliverableDto } from '../../../api/src/deliverables/dto/deliverable.dto';
import { html, SafeHtml } from '../html';
import { formatDate, Lang, t } from '../i18n';
import { layout } from '../layout';
import { bucketBadge, deliverableFacts, facts, PageContext } from '../page';

export interface InboxView {
  unitId: string;
  unitNames: ReadonlyMap<string, string>;
  items: readonly DeliverableDto[];
  /** Whether the unit has units under it: then the sub-unit table is shown. */
  showSubUnits: boolean;
  notice?: string;
}

const OWED = new Set(['scheduled', 'open', 'returned', 'overdue', 'escalated']);
const BUCKET_ORDER = ['on-time', 'late', 'not-done-within-deadline', 'not-done-overdue'] as const;

interface Group {
  key: string;
  label: string;
  items: DeliverableDto[];
}

/** Overdue first, then what is still owed by due date, then what is done (newest due first). */
export function groupInbox(lang: Lang, items: readonly DeliverableDto[]): Group[] {
  const overdue = items.filter((d) => OWED.has(d.status) && d.bucket === 'not-done-overdue');
  const owed = items.filter((d) => OWED.has(d.status) && d.bucket !== 'not-done-overdue');
  const done = items.filter((d) => !OWED.has(d.status));
  const groups: Group[] = [];
  if (overdue.length)
    groups.push({ key: 'overdue', label: t(lang, 'inbox.overdue'), items: sortByDue(overdue) });
  const byDue = new Map<string, DeliverableDto[]>();
  for (const d of sortByDue(owed)) byDue.set(d.dueDate, [...(byDue.get(d.dueDate) ?? []), d]);
  for (const [due, list] of byDue)
    groups.push({ key: `due-${due}`, label: t(lang, 'inbox.due', { date: formatDate(due) }), items: list });
  if (done.length)
    groups.push({ key: 'done', label: t(lang, 'inbox.done'), items: sortByDue(done).reverse() });
  return groups;
}

const sortByDue = (l: DeliverableDto[]): DeliverableDto[] =>
  [...l].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));

function item(ctx: PageContext, names: ReadonlyMap<string, string>, d: DeliverableDto): SafeHtml {
  return html`<li class="item" data-deliverable="${d.id}">
    <a class="item-title" href="/ui/deliverables/${encodeURIComponent(d.id)}">${d.title}</a>
    ${facts([
      [t(ctx.lang, 'col.unit'), names.get(d.unitId) ?? d.unitId],
      [t(ctx.lang, 'col.period'), d.period],
      ...deliverableFacts(ctx.lang, d),
    ])}
  </li>`;
}

function subUnitTable(ctx: PageContext, v: InboxView): SafeHtml {
  const rows = new Map<string, Map<string, number>>();
  for (const d of v.items) {
    if (d.unitId === v.unitId) continue;
    const counts = rows.get(d.unitId) ?? new Map<string, number>();
    counts.set(d.bucket, (counts.get(d.bucket) ?? 0) + 1);
    rows.set(d.unitId, counts);
  }
  const units = [...rows.keys()].sort((a, b) =>
    (v.unitNames.get(a) ?? a).localeCompare(v.unitNames.get(b) ?? b, 'vi'),
  );
  return html`<section aria-labelledby="sub-title">
    <h2 id="sub-title">${t(ctx.lang, 'sub.title')}</h2>
    ${
      units.length === 0
        ? html`<p>${t(ctx.lang, 'inbox.empty')}</p>`
        : html`<div class="table-wrap">
            <table class="sub-units">
              <thead>
                <tr>
                  <th scope="col">${t(ctx.lang, 'col.unit')}</th>
                  ${BUCKET_ORDER.map((b) => html`<th scope="col">${bucketBadge(ctx.lang, b)}</th>`)}
                  <th scope="col">${t(ctx.lang, 'col.total')}</th>
                </tr>
              </thead>
              <tbody>
                ${units.map((u) => {
                  const c = rows.get(u) as Map<string, number>;
                  const total = [...c.values()].reduce((a, b) => a + b, 0);
                  return html`<tr>
                    <th scope="row">${v.unitNames.get(u) ?? u}</th>
                    ${BUCKET_ORDER.map((b) => html`<td>${c.get(b) ?? 0}</td>`)}
                    <td>${total}</td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

/** GET /ui/inbox: what the officer's unit (and the units under it) owes. */
export function inboxPage(ctx: PageContext, v: InboxView): string {
  const groups = groupInbox(ctx.lang, v.items);
  return layout(ctx, {
    title: t(ctx.lang, 'inbox.title'),
    notice: v.notice,
    body: html`<p>${t(ctx.lang, 'inbox.intro', { unit: v.unitNames.get(v.unitId) ?? v.unitId })}</p>
      ${groups.length === 0 ? html`<p>${t(ctx.lang, 'inbox.empty')}</p>` : ''}
      ${groups.map(
        (g) =>
          html`<section class="group group-${g.key}" aria-labelledby="g-${g.key}">
            <h2 id="g-${g.key}">${g.label}</h2>
            <ul class="items">
              ${g.items.map((d) => item(ctx, v.unitNames, d))}
            </ul>
          </section>`,
      )}
      ${v.showSubUnits ? subUnitTable(ctx, v) : ''}`,
  });
}
