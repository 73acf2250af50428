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
});
