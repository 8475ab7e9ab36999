import Handlebars from 'handlebars';
import { renderEmail, renderPush, renderSms, renderTemplate } from './notification-templates';

describe('renderTemplate', () => {
  it('escapes HTML in params for html and leaves plain text as written', () => {
    const params = { name: 'Ada & <Bob>' };
    expect(renderTemplate('<p>Hi {{name}}</p>', params, 'html')).toBe('<p>Hi Ada &amp; &lt;Bob&gt;</p>');
    expect(renderTemplate('Hi {{name}}', params, 'text')).toBe('Hi Ada & <Bob>');
  });

  it('renders a param the input leaves out as nothing, nested or not', () => {
    expect(renderTemplate('Hi {{name}}, {{user.city}}!', {}, 'text')).toBe('Hi , !');
    expect(renderTemplate('Hi {{name}}', undefined, 'text')).toBe('Hi ');
  });

  it('reads nested params and runs the built-in block helpers', () => {
    const params = { user: { name: 'Ada' }, items: ['a', 'b'], vip: true };
    expect(renderTemplate('{{user.name}}: {{#each items}}[{{this}}]{{/each}}{{#if vip}} *{{/if}}', params, 'text')).toBe('Ada: [a][b] *');
  });

  it('gives no access to prototypes', () => {
    expect(renderTemplate('{{constructor}}|{{__proto__}}|{{user.constructor.name}}', { user: {} }, 'text')).toBe('||');
  });

  it('is not changed by helpers registered on the global Handlebars', () => {
    Handlebars.registerHelper('shout', (text: string) => text.toUpperCase());
    try {
      expect(() => renderTemplate('{{shout name}}', { name: 'a' }, 'text')).toThrow(/shout/);
    } finally {
      Handlebars.unregisterHelper('shout');
    }
  });
});

describe('channel renderers', () => {
  it('fills the email subject from subject params and the bodies from template params', () => {
    const templates = { subject: 'Hi {{name}}', html: '<p>See you {{when}} {{name}}</p>', text: 'See you {{when}}' };
    expect(renderEmail(templates, { subject: { name: 'Ada' }, template: { when: '<b>soon</b>' } })).toEqual({
      subject: 'Hi Ada',
      html: '<p>See you &lt;b&gt;soon&lt;/b&gt; </p>',
      text: 'See you <b>soon</b>',
    });
  });

  it('keeps a subject on one line whatever the params hold', () => {
    expect(renderEmail({ subject: 'Hi {{name}}' }, { subject: { name: 'Ada\r\nBcc: x@evil.test' } })).toEqual({ subject: 'Hi Ada Bcc: x@evil.test' });
  });

  it('fills the push title and body from their own params, and leaves out a title the event has none of', () => {
    expect(renderPush({ title: 'Order {{id}}', body: 'Ships {{when}}' }, { title: { id: 7 }, body: { when: 'today' } })).toEqual({ title: 'Order 7', body: 'Ships today' });
    expect(renderPush({ body: 'Ships {{when}}' }, { body: { when: 'today' } })).toEqual({ body: 'Ships today' });
  });

  it('fills the SMS body without HTML escaping', () => {
    expect(renderSms({ body: 'Code: {{code}} & go' }, { body: { code: '<123>' } })).toEqual({ body: 'Code: <123> & go' });
  });
});
