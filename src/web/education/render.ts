import { findTopic, otherLocale } from "./locales.js";
import type { Block, EducationLocale, Topic } from "./types.js";

/**
 * Server-side HTML for the education pages: no script, no external resources, readable on a
 * phone (fluid single column, system fonts), printable. Every page carries `lang`, a link to
 * the same page in the other language, and the "talk to your care team" notice.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Styles kept inline so a page is one request and works with a strict CSP. */
export const EDUCATION_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:1.0625rem;line-height:1.65;color:#1b1f24;background:#fff}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header,main,footer{max-width:42rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;justify-content:space-between;padding-top:1rem;padding-bottom:.5rem;border-bottom:1px solid #d0d7de}
.site{font-weight:600;color:#1b1f24;text-decoration:none}
a{color:#0a4f8f}
a:focus-visible{outline:3px solid #e07b00;outline-offset:2px}
.lang-switch{font-weight:600}
h1{font-size:1.6rem;line-height:1.3;margin:1.25rem 0 .75rem}
h2{font-size:1.25rem;line-height:1.35;margin:1.75rem 0 .5rem}
ul{padding-left:1.25rem}
li{margin:.35rem 0}
.notice{border-left:4px solid #0a4f8f;background:#eef5fb;padding:.75rem 1rem;margin:1rem 0}
.warning{border:2px solid #a33b00;background:#fff5ee;padding:.75rem 1rem;margin:1rem 0;border-radius:4px}
.warning p{margin:0 0 .25rem;font-weight:600}
.topics{list-style:none;padding:0}
.topics li{margin:0 0 1rem}
.topics a{font-weight:600;font-size:1.1rem}
.topics p{margin:.15rem 0 0;color:#3d444d}
.toc{background:#f6f8fa;padding:.5rem 1rem;border-radius:4px}
.toc h2{font-size:1rem;margin:.5rem 0}
.pager{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap;margin:2rem 0 1rem;padding-top:1rem;border-top:1px solid #d0d7de}
footer{padding-top:1rem;padding-bottom:2rem;color:#3d444d;font-size:.95rem}
@media print{header nav,.skip,.pager,.toc{display:none}a{color:inherit}}
`;

interface PageSpec {
  readonly locale: EducationLocale;
  readonly title: string;
  /** Address of this page in this language. */
  readonly path: string;
  /** Address of the counterpart page in the other language. */
  readonly otherPath: string;
  readonly main: string;
}

function page({ locale, title, path, otherPath, main }: PageSpec): string {
  const other = otherLocale(locale.lang);
  const s = locale.strings;
  return `<!doctype html>
<html lang="${locale.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(s.siteTitle)}</title>
<link rel="alternate" hreflang="${locale.htmlLang}" href="${escapeHtml(path)}">
<link rel="alternate" hreflang="${other.htmlLang}" href="${escapeHtml(otherPath)}">
<style>${EDUCATION_CSS}</style>
</head>
<body>
<a class="skip" href="#content">${escapeHtml(s.skipToContent)}</a>
<header>
<a class="site" href="${locale.basePath}">${escapeHtml(s.siteTitle)}</a>
<nav aria-label="${escapeHtml(s.languageNav)}"><a class="lang-switch" href="${escapeHtml(otherPath)}" hreflang="${other.htmlLang}" lang="${other.htmlLang}">${escapeHtml(s.otherLanguageLabel)}</a></nav>
</header>
<main id="content">
${main}
</main>
<footer>
<p>${escapeHtml(s.disclaimer)}</p>
</footer>
</body>
</html>
`;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case "p":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "list":
      return `<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
    case "warning":
      return `<div class="warning" role="note"><p>${escapeHtml(block.title)}</p><ul>${block.items
        .map((i) => `<li>${escapeHtml(i)}</li>`)
        .join("")}</ul></div>`;
  }
}

function notice(locale: EducationLocale): string {
  return `<p class="notice" role="note">${escapeHtml(locale.strings.disclaimer)}</p>`;
}

export function topicPath(locale: EducationLocale, topicId: string): string {
  return `${locale.basePath}/${topicId}`;
}

export function renderIndex(locale: EducationLocale): string {
  const s = locale.strings;
  const items = locale.topics
    .map(
      (t) =>
        `<li><a href="${topicPath(locale, t.id)}">${escapeHtml(t.title)}</a><p>${escapeHtml(t.summary)}</p></li>`,
    )
    .join("\n");
  const main = `<h1>${escapeHtml(s.indexTitle)}</h1>
<p>${escapeHtml(s.indexIntro)}</p>
${notice(locale)}
<h2>${escapeHtml(s.contents)}</h2>
<ul class="topics">
${items}
</ul>`;
  return page({
    locale,
    title: s.indexTitle,
    path: locale.basePath,
    otherPath: otherLocale(locale.lang).basePath,
    main,
  });
}

export function renderTopic(locale: EducationLocale, topic: Topic): string {
  const s = locale.strings;
  const other = otherLocale(locale.lang);
  const index = locale.topics.findIndex((t) => t.id === topic.id);
  const prev = index > 0 ? locale.topics[index - 1] : undefined;
  const next = locale.topics[index + 1];
  const toc = `<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">${escapeHtml(s.onThisPage)}</h2><ul>${topic.sections
    .map((sec) => `<li><a href="#${sec.id}">${escapeHtml(sec.heading)}</a></li>`)
    .join("")}</ul></nav>`;
  const sections = topic.sections
    .map(
      (sec) =>
        `<section aria-labelledby="${sec.id}"><h2 id="${sec.id}">${escapeHtml(sec.heading)}</h2>\n${sec.blocks
          .map(renderBlock)
          .join("\n")}</section>`,
    )
    .join("\n");
  const pager = `<nav class="pager" aria-label="${escapeHtml(s.contents)}">${
    prev ? `<a href="${topicPath(locale, prev.id)}" rel="prev">← ${escapeHtml(prev.title)}</a>` : ""
  }<a href="${locale.basePath}">${escapeHtml(s.allTopics)}</a>${
    next ? `<a href="${topicPath(locale, next.id)}" rel="next">${escapeHtml(next.title)} →</a>` : ""
  }</nav>`;
  const main = `<h1>${escapeHtml(topic.title)}</h1>
${notice(locale)}
${toc}
${sections}
${pager}`;
  return page({
    locale,
    title: topic.title,
    path: topicPath(locale, topic.id),
    otherPath: findTopic(other, topic.id) ? topicPath(other, topic.id) : other.basePath,
    main,
  });
}

export function renderNotFound(locale: EducationLocale): string {
  const s = locale.strings;
  const main = `<h1>${escapeHtml(s.notFoundTitle)}</h1>
<p>${escapeHtml(s.notFoundText)}</p>
<p><a href="${locale.basePath}">${escapeHtml(s.allTopics)}</a></p>`;
  return page({
    locale,
    title: s.notFoundTitle,
    path: locale.basePath,
    otherPath: otherLocale(locale.lang).basePath,
    main,
  });
}
