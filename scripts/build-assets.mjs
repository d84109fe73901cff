// Builds mkdocs_chatspark/assets/dist/ from assets/src/ with the pinned esbuild
// (package.json, package-lock.json): run `bash scripts/build-assets`. The output
// is committed, so that installing the package needs no Node, and what a site gets
// (and the CSP hash of boot.css) depends only on the package's version. CI builds
// again from a clean clone and fails on any difference.
//
// Every script is a classic script (an IIFE), not a module: Chromium runs neither
// module scripts nor import() on a site opened from disk (file://).
//
// - boot.js: the bootstrap, alone.
// - widget.js: the core, from src/widget.js.
// - one file per part (PARTS, below; src/parts.js says how they load). A part is
//   bundled from src/<name>.js with what only it uses; a module the core has too
//   is not copied into it: the part gets the core's own (one panel), through
//   `window.__chatsparkParts.modules`, which the core fills with just the modules
//   its parts import. A part that imports another part's module (form.js imports
//   outbox.js) gets that part's own too (one outbox), the same way: the other part
//   is loaded first. The core learns which parts need which (CHATSPARK_PART_NEEDS).
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The parts: loaded by the core when needed (src/parts.js). One line per part. */
const PARTS = [
  "outbox", // sending and the outbox: on intent to send (the panel opens, a press), or where a submission waits
  "form", // a form and its fields: when a form first opens
  "measure", // analytics and the payload's context: where configured
  "feedback", // "Was this page helpful?": on the first press of a vote
  "answers", // the Ask box's answers and their index: when a reader first focuses it
];

const root = fileURLToPath(new URL("..", import.meta.url));
const src = path.join(root, "mkdocs_chatspark/assets/src");
const dist = "mkdocs_chatspark/assets/dist";
const SHARED = "chatspark:shared"; // the core's modules its parts use (src/parts.js)
const NAMES = path.join(src, "names.js"); // constants: copied, never shared

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
// The bootstrap's handle for the widget (`ChatSpark.__chatspark`, boot.js) is
// private to the two: its members end in `_`, and every script's build shortens
// them by this one table, so boot.js and widget.js (built apart) agree, and a
// member's short name never moves with the sources. It saves the bootstrap 12 B
// gzipped of its 2 kB. A new member gets a name here.
const HANDLE = { listeners_: "l", start_: "s", handover_: "h", ready_: "r", running_: "u" };
const scripts = {
  ...common, format: "iife", target: "es2018", mangleProps: /_$/, mangleCache: HANDLE,
};

/** The core's build; `shared`: the modules (paths) it hands its parts; `needs`:
 * part name -> the parts it needs loaded first. */
function core(shared, write, needs = {}) {
  return esbuild.build({
    ...scripts,
    define: { CHATSPARK_PART_NEEDS: JSON.stringify(needs) },
    entryPoints: [path.join(src, "widget.js")],
    metafile: true,
    write,
    plugins: [{
      name: "shared",
      setup(build) {
        build.onResolve({ filter: /^chatspark:shared$/ }, () => ({ path: SHARED, namespace: "shared" }));
        build.onLoad({ filter: /.*/, namespace: "shared" }, () => ({
          resolveDir: src,
          contents: shared.map((p, i) => `import * as m${i} from "./${path.relative(src, p)}";`).join("\n") +
            `\nexport default {${shared.map((p, i) => `${JSON.stringify(path.relative(src, p))}: m${i}`).join(",")}};`,
        }));
      },
    }],
  });
}

// 1. Which modules the core is made of.
const first = await core([], false);
const inCore = new Set(Object.keys(first.metafile.inputs).map((p) => path.join(root, p)));
inCore.delete(NAMES);
for (const name of PARTS) {
  if (inCore.has(path.join(src, `${name}.js`))) {
    throw new Error(`${name}.js is a part, loaded when needed: the core must not import it`);
  }
}

// 2. The parts, each with the core's modules taken from the core, and another
//    part's module taken from that part.
const used = new Set();
const partFiles = new Map(PARTS.map((name) => [path.join(src, `${name}.js`), name]));
const built = await esbuild.build({
  metafile: true,
  ...scripts,
  entryPoints: PARTS.map((name) => ({ in: `part:${name}`, out: name })),
  plugins: [{
    name: "parts",
    setup(build) {
      build.onResolve({ filter: /^part:/ }, (args) => ({ path: args.path.slice(5), namespace: "part" }));
      build.onLoad({ filter: /.*/, namespace: "part" }, (args) => ({
        resolveDir: src,
        contents: `import * as part from "./${args.path}.js";\n` +
          `window.__chatsparkParts.define(${JSON.stringify(args.path)}, part);\n`,
      }));
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const file = path.join(args.resolveDir, args.path);
        if (args.namespace === "part") return undefined;
        if (partFiles.has(file)) return { path: path.relative(src, file), namespace: "core" };
        if (!inCore.has(file)) return undefined;
        used.add(file);
        return { path: path.relative(src, file), namespace: "core" }; // relative: the same in every clone
      });
      build.onLoad({ filter: /.*/, namespace: "core" }, (args) => ({
        contents: `module.exports = window.__chatsparkParts.modules[${JSON.stringify(args.path)}];`,
      }));
    },
  }],
});

// Which parts each part needs loaded before it runs: the parts whose modules it imports.
const needs = {};
for (const [out, meta] of Object.entries(built.metafile.outputs)) {
  const name = path.basename(out, ".js");
  if (!PARTS.includes(name)) continue;
  const other = Object.keys(meta.inputs)
    .filter((p) => p.startsWith("core:") && partFiles.has(path.join(src, p.slice(5))))
    .map((p) => partFiles.get(path.join(src, p.slice(5))));
  if (other.length) needs[name] = other.sort();
}

// 3. The core, handing its parts the modules they import; the bootstrap, alone.
await core([...used].sort(), true, needs);
// The bootstrap has a byte budget (2 kB gzipped with boot.css: benchmarks/bench_weight.py).
// - es2020: its optional chaining (`a?.b`) as it is; lowered, it costs 40 B gzipped.
//   Every browser that reads boot.css (`:is()`: Chrome 88, Firefox 78, Safari 14)
//   runs ES2020.
// - Its map is shipped beside it, unlinked like boot.css's: the link comment
//   would cost 24 B gzipped of the budget. Developer tools open it by hand.
// - The names it shares with the Python side come from names.js as literal
//   strings (esbuild's define), not as an import: a string constant imported stays
//   a variable, and a literal folds into the selector it is part of. 19 B gzipped.
// - It and boot.css end without the newline esbuild writes last: 3 B gzipped each.
async function bootstrap(options) {
  const { outputFiles } = await esbuild.build({ ...options, write: false });
  for (const file of outputFiles) {
    fs.writeFileSync(file.path, file.path.endsWith(".map") ? file.contents : file.text.replace(/\n$/, ""));
  }
}
const names = Object.entries(await import(pathToFileURL(NAMES).href));
await bootstrap({
  ...scripts,
  target: "es2020",
  sourcemap: "external",
  entryPoints: [path.join(src, "boot.js")],
  define: Object.fromEntries(names.map(([name, value]) => [name, JSON.stringify(value)])),
});

await esbuild.build({ ...common, entryPoints: [path.join(src, "widget.css")] });
// boot.css is also copied inline into pages (<style>): a link to its map there would
// resolve against the page's address, so its map is shipped beside it, unlinked.
await bootstrap({ ...common, entryPoints: [path.join(src, "boot.css")], sourcemap: "external" });
