/* mkdocs-chatspark widget: parts, the code only some readers need, loaded when it
 * is needed: scripts/build-assets.mjs lists them (PARTS) and says when each loads.
 *
 * A part is a classic script of its own in dist/ (an IIFE, as widget.js: a site
 * opened from file:// runs no module scripts and no import()), fetched once, with a
 * <script src> beside widget.js, the first time loadPart(name) is called. As it
 * runs it hands its exports to the core: `window.__chatsparkParts.define(name,
 * exports)`, a line the build writes around it.
 *
 * To add a part:
 *  1. Write src/<name>.js, an ES module exporting what the core calls. It imports
 *     what it uses as any module does. A module the core has too (data.js, dom.js,
 *     ui.js, ...) is not copied into the part: the build hands it the core's own
 *     (one panel), live; so is another part's module (outbox.js: one outbox), and
 *     that part then loads first (CHATSPARK_PART_NEEDS, written by the build).
 *     Modules only the part imports go into its file.
 *  2. Add "<name>" to PARTS in scripts/build-assets.mjs, and run
 *     `bash scripts/build-assets`. The Python side ships every file in dist/.
 *  3. Where the core needs it: `loadPart("<name>").then(function (part) { ... })`.
 *     Fetch it on intent (pointerover, focus) where there is one, so that the press
 *     finds it there; tell the reader when it cannot load (the promise rejects, and
 *     the next call tries again).
 */

// The core's modules that parts import, by file name (the build fills it in).
import modules from "chatspark:shared";
import { ownScript } from "./data.js";

var loading = Object.create(null); // name -> the promise of its exports
var arrived = Object.create(null); // name -> resolves that promise, when the part runs

function registry() {
  if (!window.__chatsparkParts) {
    window.__chatsparkParts = {
      modules: modules,
      define: function (name, exports) {
        modules[name + ".js"] = exports; // for the parts that import it
        if (arrived[name]) arrived[name](exports);
      },
    };
  }
}

/** The promise of the exports of part `name`, loaded once, after the parts it needs. */
export function loadPart(name) {
  if (!loading[name]) {
    registry();
    var needs = CHATSPARK_PART_NEEDS[name] || []; // the build defines it
    var promise = loading[name] = Promise.all(needs.map(loadPart)).then(function () {
      return fetchPart(name);
    });
    promise.catch(function () {
      if (loading[name] === promise) delete loading[name]; // the next call tries again
    });
  }
  return loading[name];
}

function fetchPart(name) {
  return new Promise(function (resolve, reject) {
    var done = false;
    arrived[name] = function (exports) {
      done = true;
      resolve(exports);
    };
    var script = document.createElement("script");
    script.src = new URL(name + ".js", ownScript.src).href;
    // `define` runs before `load`: a load without it is a file that failed.
    script.onload = script.onerror = function () {
      if (done) return;
      script.remove();
      console.error("ChatSpark: could not load " + script.src);
      reject(new Error("ChatSpark: could not load " + script.src));
    };
    document.head.appendChild(script);
  });
}
