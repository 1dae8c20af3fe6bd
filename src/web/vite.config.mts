/**
 * Vite build of the clinician workspace: src/web/app → dist/web/client, served under /app/ by
 * `staticPlugin`. (dist/web itself also holds the compiled server-side web plugins from tsc, so
 * the browser build has its own folder and may be emptied on every build.)
 *
 * The bundle-size budget is enforced here: the build fails when the gzip size of everything the
 * app ships (all JS and CSS chunks) exceeds BUDGET_GZIP_BYTES (HEPATICA_WEB_BUDGET overrides it,
 * for measuring only). 110 → 125 KiB when the workspace became bilingual (issue 17: the vocabulary
 * and catalogue carry English and Chinese; splitting a language into its own chunk is left open);
 * 125 → 130 KiB when the therapy catalogue, treatment lines and toxicity table joined the
 * workspace (issue 16; 125.1 KiB measured in the merge of this round).
 */
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const BUDGET_GZIP_BYTES = Number(process.env.HEPATICA_WEB_BUDGET ?? 130 * 1024);

function bundleBudget(limit: number): Plugin {
  return {
    name: "hepatica-bundle-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      const files: { file: string; bytes: number; gzip: number }[] = [];
      for (const [file, out] of Object.entries(bundle)) {
        if (!/\.(js|css|html)$/.test(file)) continue;
        const data = out.type === "chunk" ? out.code : out.source;
        const buf = typeof data === "string" ? Buffer.from(data) : Buffer.from(data);
        files.push({ file, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
      }
      const total = files.reduce((s, f) => s + f.gzip, 0);
      const report = { budgetGzipBytes: limit, totalGzipBytes: total, files };
      this.emitFile({
        type: "asset",
        fileName: "bundle-size.json",
        source: `${JSON.stringify(report, null, 2)}\n`,
      });
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
      if (total > limit) {
        this.error(`bundle budget exceeded: ${kb(total)} gzip > ${kb(limit)} (see bundle-size.json)`);
      }
      this.info(`bundle size ${kb(total)} gzip (budget ${kb(limit)})`);
    },
  };
}

export default defineConfig({
  root: new URL("./app/", import.meta.url).pathname,
  base: "/app/",
  plugins: [react(), bundleBudget(BUDGET_GZIP_BYTES)],
  build: {
    outDir: new URL("../../dist/web/client/", import.meta.url).pathname,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
  },
});
