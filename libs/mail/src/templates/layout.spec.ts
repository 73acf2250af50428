import { renderLayout } from './layout';

describe('renderLayout', () => {
  const minimal = { subject: 'Chủ đề', greeting: 'Kính gửi: Ban Tuyên giáo,', paragraphs: ['Nội dung.'] };

  it('gives every mail the same footer in its language', () => {
    expect(renderLayout({ ...minimal, lang: 'vi' }).text).toMatch(
      /\n-- \nĐây là thư tự động của hệ thống đôn đốc dondoc\. Vui lòng không trả lời thư này\.\n$/,
    );
    expect(renderLayout({ ...minimal, lang: 'en' }).html).toContain(
      'This is an automatic message from dondoc',
    );
  });

  it('omits the optional blocks it was not given', () => {
    const { text, html } = renderLayout({ ...minimal, lang: 'vi' });
    expect(text).toBe(
      'Kính gửi: Ban Tuyên giáo,\n\nNội dung.\n\n-- \nĐây là thư tự động của hệ thống đôn đốc dondoc. Vui lòng không trả lời thư này.\n',
    );
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('<th');
  });

  it('escapes the subject in the HTML title', () => {
    expect(renderLayout({ ...minimal, lang: 'vi', subject: '</title><script>' }).html).toContain(
      '<title>&lt;/title&gt;&lt;script&gt;</title>',
    );
  });

  it('quotes someone\'s words verbatim: "> " lines in text, escaped with line breaks kept in HTML', () => {
    const { text, html } = renderLayout({
      ...minimal,
      lang: 'vi',
      quote: { intro: 'Ý kiến:', text: 'Dòng 1\r\n\n<b>Dòng 3</b>' },
    });
    expect(text).toContain('Ý kiến:\n> Dòng 1\n>\n> <b>Dòng 3</b>\n');
    expect(html).toContain('white-space:pre-wrap;">Dòng 1\n\n&lt;b&gt;Dòng 3&lt;/b&gt;</blockquote>');
  });

  it('renders sections with sub-headed groups, escaping text and links, and drops empty ones', () => {
    const { text, html } = renderLayout({
      ...minimal,
      lang: 'vi',
      sections: [
        { heading: 'Trống', items: [], groups: [{ heading: 'Cũng trống', items: [] }] },
        {
          heading: 'Quá <hạn>',
          items: [{ text: 'Một việc' }],
          groups: [
            { heading: 'Đơn vị A', items: [{ text: 'a & b', url: 'https://x.vn/a?b=1&c=2' }] },
            { heading: 'Đơn vị rỗng', items: [] },
            { heading: 'Đơn vị B', items: [{ text: 'c', url: 'javascript:alert(1)' }] },
          ],
        },
      ],
    });
    expect(text).toContain(
      [
        '== Quá <hạn> ==',
        '- Một việc',
        '',
        'Đơn vị A',
        '- a & b',
        '  https://x.vn/a?b=1&c=2',
        '',
        'Đơn vị B',
        '- c',
        '  javascript:alert(1)',
      ].join('\n'),
    );
    expect(text).not.toContain('Trống');
    expect(text).not.toContain('rỗng');
    expect(html).toContain('>Quá &lt;hạn&gt;</h2>');
    expect(html).toContain('a &amp; b<br>');
    expect(html).toContain('href="https://x.vn/a?b=1&amp;c=2"');
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('Trống');
  });
});
