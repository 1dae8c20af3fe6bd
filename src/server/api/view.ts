/**
 * How a caller asks for a result: `?lang=en|zh` (else `Accept-Language`, else English) and
 * `?detail=compact|full` (compact by default). One place for the query schema and the reading.
 */
import type { FastifyRequest } from "fastify";
import { DETAILS, type View } from "../../clinical/messages/index.js";
import { LANGS, pickLang } from "../../clinical/vocabulary/index.js";

export const viewProperties = {
  lang: {
    type: "string",
    enum: [...LANGS],
    description: "language of reasons and assumptions (else Accept-Language)",
  },
  detail: {
    type: "string",
    enum: [...DETAILS],
    description:
      "compact (default: source ids and short citations) or full (full citations, rulesApplied, notAssessed)",
  },
} as const;

export const viewQuery = { type: "object", additionalProperties: false, properties: viewProperties } as const;

export type ViewQuery = { lang?: View["lang"]; detail?: View["detail"] };

export function viewOf(request: FastifyRequest<{ Querystring: ViewQuery }>): View {
  const q = request.query ?? {};
  return {
    lang: q.lang ?? pickLang(request.headers["accept-language"]),
    detail: q.detail ?? "compact",
  };
}
