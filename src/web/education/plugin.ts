import type { FastifyPluginAsync, FastifyReply, FastifySchema } from "fastify";
import { EDUCATION_LOCALES, findTopic } from "./locales.js";
import { renderIndex, renderNotFound, renderTopic } from "./render.js";
import type { EducationLocale } from "./types.js";

/**
 * Public patient-education pages, server-rendered, no login and no script:
 * `/education`, `/education/<topic>`, `/zh/education`, `/zh/education/<topic>`.
 *
 * `schema.hide` keeps these HTML pages out of the OpenAPI document of the JSON API.
 */
export const educationPlugin: FastifyPluginAsync = async (app) => {
  const send = (reply: FastifyReply, locale: EducationLocale, status: number, html: string) =>
    reply
      .code(status)
      .header("content-type", "text/html; charset=utf-8")
      .header("content-language", locale.htmlLang)
      .header("cache-control", "public, max-age=300")
      .header("x-content-type-options", "nosniff")
      .header(
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      .send(html);

  // `hide` is read by @fastify/swagger, whose type augmentation this module does not load.
  const hidden: FastifySchema = {};
  Object.assign(hidden, { hide: true });
  const routeOptions = { schema: hidden };

  for (const locale of Object.values(EDUCATION_LOCALES)) {
    // Rendered once: the content is static data.
    const index = renderIndex(locale);
    const notFound = renderNotFound(locale);
    const pages = new Map(locale.topics.map((t) => [t.id as string, renderTopic(locale, t)]));

    app.get(locale.basePath, routeOptions, async (_req, reply) => send(reply, locale, 200, index));
    app.get(`${locale.basePath}/`, routeOptions, async (_req, reply) => reply.redirect(locale.basePath, 301));
    app.get<{ Params: { topic: string } }>(`${locale.basePath}/:topic`, routeOptions, async (req, reply) => {
      const html = findTopic(locale, req.params.topic) ? pages.get(req.params.topic) : undefined;
      return html === undefined ? send(reply, locale, 404, notFound) : send(reply, locale, 200, html);
    });
  }
};
