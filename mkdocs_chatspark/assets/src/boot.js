/* mkdocs-chatspark bootstrap: all a page runs before the reader reaches for the chat.
 *
 * - `window.ChatSpark` and its `on`/`off`, for every script of the page, the
 *   author's own included: the build places this file just before the site's
 *   first `extra_javascript` script, or in <head> when there is none (async:
 *   it runs in a task of its own; deferred with `load: eager`, before the
 *   widget), so it never holds up the first paint.
 * - The launcher, drawn here (boot.css) until the widget draws its own (and
 *   removes this one's button: ui.js, `unfacade`).
 * - Presses on the launcher and on the calls to action in the prose, passed to
 *   the widget, which tells them apart: one made before the widget is ready is
 *   kept, and runs once when it is.
 * - The rest (the site's data, widget.js, which loads widget.css, and a hosted
 *   script) is fetched when the `load` option says: on intent (pointer over, focus
 *   or touch on the launcher or a call to action), when the browser is idle after
 *   the load event, or, with `eager`, by the page itself.
 *
 * Its tag's attributes: data-load (interaction or idle), data-label,
 * data-position and data-lang (the launcher's), data-site (the site's data
 * file, beside this one; the Markdown extension has none: the site's data is in
 * the page's island).
 * Without them (`load: eager`) it defines the API only.
 *
 * Built like the widget (scripts/build-assets) into dist/boot.js, a classic script
 * for ES2020, with a byte budget: 2 kB gzipped with boot.css (bench_weight.py). */

// The names shared with the Python side (ISLAND_ID, BOOT_STYLE_ID, CTA_ATTRIBUTE,
// VOTE_ATTRIBUTE) are names.js's, not imported: the build defines them (esbuild's
// `define`, scripts/build-assets.mjs), so they are literal strings here and fold
// into the selectors they are part of.

// Once: not when loaded twice, nor where a hosted API came first.
if (typeof window.ChatSpark !== "function") install();

function install() {
  // In three parts: the state; what runs now (the API, the listeners for presses
  // and intent, the start once the page is parsed, the widget's handle); the
  // functions. Within each part, in the order that gzips smallest (found by
  // trying orders; 24 B of the bootstrap's budget): the functions are hoisted, and
  // nothing but the statements runs before install() returns, so the order means
  // nothing else.

  // Unset until then: what serves ChatSpark(config) (the widget's `create`, once it
  // has started, or a hosted ChatSpark that replaced this one); that hosted
  // ChatSpark; the widget's handler of presses, once it is ready; what the last
  // press before that was on; the launcher drawn here.
  var impl, target, press, waiting, facade;
  var ownScript = document.currentScript;
  var options = ownScript?.dataset || {};

  var requested; // the rest, once
  var configs = []; // ChatSpark(config) calls made before the widget was ready

  var listeners = []; // [event, fn] in the order they were added

  // A press waits for the widget: the pressed control says it is busy; if the
  // widget cannot load (offline, a content blocker) or takes 8 s, a message in the
  // launcher's corner says so, and pressing again (its button) tries again.
  var stalled, note;

  ChatSpark.off = (event, fn) => {
    target?.off(event, fn);
    listeners.splice(indexOf(event, fn) >>> 0, 1); // not there: -1 >>> 0 is past the end
    return ChatSpark;
  };

  // After a handover, listeners go to the hosted ChatSpark and stay listed here
  // too: a call to action in the page, which the hosted chat knows nothing of,
  // still reaches them.
  ChatSpark.on = (event, fn) => {
    if (typeof fn !== "function" || indexOf(event, fn) >= 0) return ChatSpark;
    listeners.push([event, fn]);
    target?.on(event, fn);
    return ChatSpark;
  };

  window.ChatSpark = ChatSpark;

  // The widget's handle. Not part of the public API.
  ChatSpark.__chatspark = {
    // The listeners, for the widget to call: [event, fn] in the order added.
    listeners_: listeners,
    // The bundled widget starts: it creates instances from now on.
    start_(create) {
      impl = create;
      return configs.splice(0);
    },
    // A hosted ChatSpark replaced this one (the widget gave it every listener):
    // it serves ChatSpark(config), and listeners added or removed from now on.
    handover_(hosted) {
      impl = target = hosted;
    },
    // The widget is ready for presses: `handler(node)`, the launcher, a call to
    // action or a vote. The press kept while it loaded goes now, once.
    ready_(handler) {
      press = handler;
      var kept = waiting;
      settle();
      waiting = null;
      if (kept?.isConnected) press(kept);
    },
  };

  // Intent: the reader is about to press something of ours. Captured; passive
  // without saying so: browsers make a touchstart listener on the document passive
  // by default, and the other two cannot block scrolling.
  ["pointerover", "focusin", "touchstart"].forEach((type) => {
    document.addEventListener(type, (e) => {
      if (trigger(e.target)) load();
    }, true);
  });

  // A call to action is a <span role=button> (it wraps with its sentence): Enter
  // and Space press it, as they press a button.
  document.addEventListener("keydown", (e) => {
    var node = (e.key === "Enter" || e.key === " ") && e.target.closest?.("[" + CTA_ATTRIBUTE + "]");
    if (node) {
      e.preventDefault();
      node.click();
    }
  });
  // A press on the launcher or a call to action goes to the widget. Before it is
  // ready the press is kept (the last one only: a double press runs once), and
  // goes when it is.
  document.addEventListener("click", (e) => {
    var node = trigger(e.target, 1);
    if (!node) return;
    e.preventDefault();
    if (press) return press(node);
    wait(node);
    load();
  });

  // Once the page is parsed: the theme's scripts after this one (Material's
  // document$) are there. This file may run before (async or deferred, or in
  // <body>). Presses are heard from now (the listeners above).
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", later(start));
  else setTimeout(start);

  function ChatSpark(config) {
    if (impl) return impl(config);
    configs.push(config);
    return ChatSpark; // on, off (the widget's instance, once it runs)
  }

  // A press waits for the widget (stalled and note, above).
  function wait(node) {
    settle();
    waiting = node;
    busy(true);
    stalled = setTimeout(failed, 8e3);
  }

  // No longer waiting: the widget is ready, or a press waits anew.
  function settle() {
    clearTimeout(stalled);
    busy(false);
    note?.remove();
    note = null;
  }

  // The site's data (if it has a file), then the widget, in that order; the widget
  // loads its stylesheet. Not on a page without the chat: under the Markdown
  // extension the widget finds the site's data in the island only.
  function load() {
    if (requested || !options.load || !chat()) return; // options.load: `ownScript` is there
    requested = 1;
    [options.site, "widget.js"].filter(Boolean).forEach((name) => {
      var s = document.createElement("script");
      s.src = new URL(name, ownScript.src);
      s.async = false; // run in the order inserted
      s.onerror = failed;
      document.head.append(s);
    });
  }

  // The page's chat (render.ISLAND_ID): a page that options out has no island.
  function chat() {
    return document.getElementById(ISLAND_ID);
  }

  // In a task of its own: never inside the page's own at DOMContentLoaded or load,
  // which its scripts may make long (a task over 50 ms blocks input; ours alone
  // is a few ms).
  function later(fn) {
    return () => setTimeout(fn);
  }

  // boot.css, beside this file: the launcher's style and the calls to action's. A
  // page with calls to action has it inline in <head> (render.BOOT_STYLE_ID), which
  // has no sheet where a Content-Security-Policy refused it. Linked in <body>, where
  // Material's instant navigation keeps it.
  function style(parent) {
    if (document.getElementById(BOOT_STYLE_ID)?.sheet) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("boot.css", ownScript.src); // a URL is assigned as its string
    parent.append(link);
  }

  function start() {
    if (!ownScript) return;
    if (options.load) drawLauncher();
    if (document.readyState === "complete") loaded();
    else addEventListener("load", later(loaded));
    window.document$?.subscribe?.(newPage);
  }

  // The pressed control: the launcher's button, or a call to action or vote.
  function busy(on) {
    var node = waiting === facade ? facade.firstChild : waiting;
    if (node) on ? node.setAttribute("aria-busy", "true") : node.removeAttribute("aria-busy");
  }

  // Hidden until boot.css is in (it overrides `hidden`), and on a page
  // without the chat.
  function showFacade() {
    facade?.toggleAttribute("data-off", !chat());
  }

  // The widget could not load, or took 8 s: the note (stalled and note, above).
  function failed() {
    clearTimeout(stalled);
    requested = 0;
    if (press || !waiting || !facade || note) return;
    busy(false);
    note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.append(options.failed + " ", document.createElement("button"));
    note.lastChild.textContent = options.retry;
    facade.append(note);
  }

  // What the press or intent is on: a call to action in the prose, or the launcher.
  // For a press (`vote`), a vote of "Was this page helpful?" too (ours, or Material's
  // widget the build marked): never on intent, so nothing is fetched before a press.
  function trigger(node, vote) {
    return node.closest?.("[" + CTA_ATTRIBUTE + "],.chatspark-facade" +
      (vote ? ",[" + VOTE_ATTRIBUTE + "]" : ""));
  }

  function drawLauncher() {
    facade = document.createElement("div");
    facade.className = "chatspark-facade chatspark-facade--" + options.position; // left or right
    facade.hidden = true; // until boot.css is in: it overrides this
    // Static markup, no author text (the label is an attribute): the widget's icon.
    // Outside any form, the button needs no type. The parser closes what is still
    // open at the end of the string, so it has no end tags (the same nodes).
    facade.innerHTML = '<button><svg viewBox="0 0 24 24" aria-hidden=true><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z">';
    facade.firstChild.setAttribute("aria-label", options.label); // set with data-load
    if (options.lang) facade.firstChild.lang = options.lang; // an English name on a page that is not
    document.body.append(facade);
    showFacade();
  }

  // After the load event, which a request made before it would hold back: boot.css
  // (a page with calls to action has it already, inline or, under Zensical, linked
  // before them), which shows the launcher; with `idle`, the rest. Without a
  // launcher (eager) the widget's layer still needs boot.css.
  function loaded() {
    style(facade || document.body);
    idle();
  }

  // Each page of Material's (or Zensical's) instant navigation, the first included:
  // a page that options out shows no launcher. Idle found nothing to load on such a
  // page: the next one with the chat gets it.
  function newPage() {
    showFacade();
    if (document.readyState === "complete") idle();
  }

  // Where fn listens for event in the listeners, or -1.
  function indexOf(event, fn) {
    return listeners.findIndex((l) => l[0] === event && l[1] === fn);
  }

  // Idle after the load event (loaded), and on each instant page swap after it
  // (newPage). Without requestIdleCallback (Safari), a timer: a plain
  // call with no `this` works for both.
  function idle() {
    if (options.load === "idle") (window.requestIdleCallback || setTimeout)(load, { timeout: 5e3 });
  }
}
