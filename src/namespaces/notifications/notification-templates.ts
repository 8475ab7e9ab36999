import Handlebars from 'handlebars';
import type { EmailTemplates, PushTemplates, SmsTemplates } from '../../resources/sections/notifications.section';

/** Template params: the values `{{name}}` placeholders read. */
export type TemplateParams = Record<string, unknown>;

/**
 * How a rendered value is used. `html` escapes HTML in the params; every other target is plain text
 * (a subject, an SMS), where escaping would show `&amp;` to the reader.
 */
export type TemplateTarget = 'html' | 'text';

export interface RenderedEmail {
  subject: string;
  html?: string;
  text?: string;
}

export interface RenderedPush {
  title?: string;
  body: string;
}

export interface RenderedSms {
  body: string;
}

/**
 * Our own Handlebars environment, so helpers or partials that a host app registers globally do not
 * change what the registry's templates mean. Prototype access stays off (Handlebars' default), and
 * `strict` is off: a param the input leaves out renders as nothing rather than failing the send.
 */
const handlebars = Handlebars.create();
const compiled = new Map<string, ReturnType<typeof handlebars.compile>>();

/** Templates come from the registry, a fixed set, so each is compiled once per process. */
export function renderTemplate(source: string, params: TemplateParams | undefined, target: TemplateTarget): string {
  const key = `${target}\u0000${source}`;
  let template = compiled.get(key);
  if (!template) {
    template = handlebars.compile(source, { noEscape: target !== 'html', strict: false });
    compiled.set(key, template);
  }
  return template(params ?? {});
}

/** `email.subject` params fill the subject template; `email.template` params fill the html and text bodies. */
export function renderEmail(templates: EmailTemplates, input: { subject?: TemplateParams; template?: TemplateParams }): RenderedEmail {
  return {
    subject: singleLine(renderTemplate(templates.subject, input.subject, 'text')),
    ...(templates.html !== undefined && { html: renderTemplate(templates.html, input.template, 'html') }),
    ...(templates.text !== undefined && { text: renderTemplate(templates.text, input.template, 'text') }),
  };
}

/** `push_notification.title` params fill the title template, `push_notification.body` params the body. */
export function renderPush(templates: PushTemplates, input: { title?: TemplateParams; body?: TemplateParams }): RenderedPush {
  return {
    ...(templates.title !== undefined && { title: renderTemplate(templates.title, input.title, 'text') }),
    body: renderTemplate(templates.body, input.body, 'text'),
  };
}

/** `sms.body` params fill the body template. */
export function renderSms(templates: SmsTemplates, input: { body?: TemplateParams }): RenderedSms {
  return { body: renderTemplate(templates.body, input.body, 'text') };
}

/** A line break in a param must not end the Subject header early; nodemailer would fold it, readers would not expect it. */
function singleLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
