import { html, raw } from './html';
import { formatDate, formatDateTime, t } from './i18n';
import { safeNext } from './page';

describe('web UI helpers', () => {
  it('escapes every interpolation unless it is markup made by html`` or raw()', () => {
    const evil = '<script>alert("x")</script>\'`&';
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&#96;&amp;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&#96;&amp;</p>',
    );
    expect(
      html`<ul>
        ${['a<', 'b'].map((x) => html`<li>${x}</li>`)}
      </ul>`.value.replace(/>\s+</g, '><'),
    ).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${null}${undefined}${false}${0}${raw('<br>')}`.value).toBe('0<br>');
  });

  it('fills placeholders in either language', () => {
    expect(t('vi', 'inbox.due', { date: '15/09/2031' })).toBe('Hạn nộp 15/09/2031');
    expect(t('en', 'inbox.due', { date: '15/09/2031' })).toBe('Due 15/09/2031');
    expect(t('en', 'bucket.not-done-overdue')).toBe('Not done, overdue');
  });

  it('shows dates as dd/mm/yyyy in Vietnam time', () => {
    expect(formatDate('2031-09-15')).toBe('15/09/2031');
    // 17:30 UTC is already the next day in Hà Nội (UTC+7).
    expect(formatDate('2025-11-16T17:30:00Z')).toBe('17/11/2025');
    expect(formatDateTime('2025-11-16T17:30:00Z')).toBe('17/11/2025 00:30');
  });

  it('follows ?next= only to a page of the UI on this site', () => {
    expect(safeNext('/ui/deliverables/x?y=1')).toBe('/ui/deliverables/x?y=1');
    for (const bad of [
      '//evil.example/ui',
      'https://evil.example/ui',
      '/\\evil.example',
      '/api',
      '/ui\r\nSet-Cookie: x',
      42,
    ])
      expect(safeNext(bad)).toBeUndefined();
  });
});
