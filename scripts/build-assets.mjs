// Builds mkdocs_chatspark/assets/dist/ from assets/src/ with the pinned esbuild
// (package.json, package-lock.json): run `bash scripts/build-assets`. The output
// is committed, so that installing the package needs no Node, and what a site gets
// (and the CSP hash of boot.css) depends only on the package's version. CI builds
// again from a clean clone and fails on any difference.
//
// Every script is a classic script (an IIFE), not a module: Chromium runs neither
// module scripts nor import() on a site opened from disk (file://).
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = "mkdocs_chatspark/assets/src";
const dist = "mkdocs_chatspark/assets/dist";

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  sourcemap: "linked", // shipped beside each file; the map carries the sources
  legalComments: "none",
  charset: "ascii",
  logLevel: "warning",
  outdir: dist,
};

await esbuild.build({
  ...common,
  // answers.js: the widget's answers part, which it loads when a reader first
  // focuses the Ask box (answers/part.js; only sites with `answers:` on get it).
  entryPoints: [
    `${src}/boot.js`,
    `${src}/widget.js`,
    { in: `${src}/answers/part.js`, out: "answers" },
  ],
  format: "iife",
  target: "es2018",
});

await esbuild.build({
  ...common,
  entryPoints: [`${src}/boot.css`, `${src}/widget.css`],
});
