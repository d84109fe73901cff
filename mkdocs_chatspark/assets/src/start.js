/* mkdocs-chatspark widget: presses the bootstrap passes on, calls to action in
 * the page, the hosted script, and the start, again after each instant page swap. */

import {
  api, boot, config, href, readPage, shownAction, showActions, site, stored, useHosted,
} from "./data.js";
import { words } from "./dom.js";
import { CTA_ATTRIBUTE, VOTE_ATTRIBUTE } from "./names.js";
import { loadPart } from "./parts.js";
import { startMeasure } from "./report.js";
import { arrived, route, trigger } from "./route.js";
import {
  afterStyled, build, create, focused, items, openInPanel, pageStyles, render, show, toggle, ui,
  unfacade,
} from "./ui.js";

// --- calls to action in the page: `[Book a demo](chatspark:book_demo)` ----------

var hosted = null; // the hosted ChatSpark, once its script has loaded
var hostedInstance = null; // what it returned for this page's config
function runCallToAction(cta) {
  var id = cta.getAttribute(CTA_ATTRIBUTE);
  if (!useHosted) {
    startBundled();
    afterStyled(function () { if (!ui.host.hidden) openInPanel(id, cta); });
    return;
  }
  // Hosted mode: the action runs here, through the same handler.
  var action = shownAction(id);
  if (!action) return;
  if (action.type === "button") {
    trigger(action, action.data || {});
  } else if (action.type === "link") {
    trigger(action, {});
    window.open(href(action), "_blank", "noopener");
  } else if (hostedInstance && typeof hostedInstance.open === "function") {
    hostedInstance.open(); // the hosted chat shows the form among its actions
  } else {
    // The hosted chat cannot be opened from here: our own panel, with that form.
    if (!ui) build(true);
    words("greeting", ui.greeting);
    render([action]);
    show(true);
    afterStyled(function () { openInPanel(id, cta); });
  }
}

// A press the bootstrap passes on (it handles every click on its launcher and on
// the calls to action, and kept the one made before this script was there).
// Hosted: the first press brings the hosted script (load: interaction), then runs.
// A vote of "Was this page helpful?": the feedback part (feedback.js), fetched on
// the first press. Offline, it cannot come: the press runs when the browser is back.
function voteWith(node) {
  loadPart("feedback").then(function (part) { part.vote(node); }, function () {
    window.addEventListener("online", function () { voteWith(node); }, { once: true });
  });
}

function pressed(node) {
  var id = node.getAttribute(CTA_ATTRIBUTE);
  var kind = node.hasAttribute(VOTE_ATTRIBUTE) ? "vote" : id ? "action" : "open";
  if (kind === "vote") {
    voteWith(node); // the same in hosted mode
  } else if (useHosted) {
    afterHosted(function () {
      if (kind !== "open") runCallToAction(node);
      else if (hostedInstance && typeof hostedInstance.open === "function") hostedInstance.open();
    });
    startHosted();
  } else if (kind === "open") {
    startBundled();
    afterStyled(function () { if (!ui.host.hidden) toggle(true, ui.launcher); });
  } else {
    runCallToAction(node);
  }
}

// --- start, and again after each of Material's instant page swaps -------------

var shownData = null; // the page data the panel shows now

function refreshBundled() {
  var page = readPage();
  // A swap while the panel is open: it stays, with focus, if the reader was in it;
  // otherwise (a link in the page) it closes and leaves the page to the reader.
  var inside = ui && !ui.panel.hidden && focused();
  if (ui && !ui.panel.hidden && !inside) toggle(false, null, true);
  if (!page) { // this page opted out
    showActions([]);
    shownData = null;
    if (ui) show(false);
    return;
  }
  // The same actions on the next page: the panel stays as the reader left it.
  var data = JSON.stringify(page);
  if (data === shownData) return show(true);
  shownData = data;
  api(config(page));
  if (inside) {
    var first = items().querySelector("button, a, input, select, textarea");
    (first || ui.panel.querySelector(".chatspark-close")).focus();
  }
}

function refreshHosted() {
  var page = readPage();
  showActions([]);
  hostedInstance = null;
  if (ui) show(false);
  if (!page) return;
  var cfg = config(page);
  showActions(cfg.data.actions);
  if (hosted) {
    // The hosted script shows links itself: whole addresses, none of our keys.
    var given = cfg.data.actions.map(function (a) {
      var out = Object.assign({}, a, a.url ? { url: href(a) } : null);
      delete out.siteRelative;
      return out;
    });
    hostedInstance = hosted({ chatbotId: cfg.chatbotId, data: { actions: given } }) || null;
  }
}

// The hosted script, once. It replaces window.ChatSpark, gets every listener and
// this page's config (again on each instant page swap), and draws its own
// launcher: the bootstrap's goes.
var hostedState = 0; // 0 not requested, 1 loading, 2 loaded
var whenHosted = []; // what waits for it

function afterHosted(fn) {
  if (hostedState === 2) fn();
  else whenHosted.push(fn);
}

function startHosted() {
  if (hostedState) return;
  hostedState = 1;
  var s = document.createElement("script");
  s.src = site.script;
  s.async = true;
  s.crossOrigin = "anonymous";
  if (site.integrity) s.integrity = site.integrity;
  s.onload = function () {
    var given = window.ChatSpark;
    if (given === api || typeof given !== "function" || typeof given.on !== "function") {
      console.error("ChatSpark: " + site.script + " did not provide window.ChatSpark");
      return;
    }
    hosted = given;
    hostedState = 2;
    // Every listener, ours (route) included, moves to it; the bootstrap passes
    // it the ones added or removed from now on.
    boot.listeners_.forEach(function (l) { given.on(l[0], l[1]); });
    boot.handover_(given);
    refreshHosted();
    unfacade(null);
    whenHosted.splice(0).forEach(function (fn) { fn(); });
  };
  s.onerror = function () { console.error("ChatSpark: could not load " + site.script); };
  document.head.appendChild(s);
}

function onEachPage(refresh) {
  // Material for MkDocs announces each page, the first included, on document$.
  var doc$ = window.document$;
  var seen = false;
  function each() {
    seen = true;
    if (document.querySelector("[" + CTA_ATTRIBUTE + "]")) pageStyles();
    refresh();
    arrived();
  }
  // Under file:// Material turns `navigation.instant` off by completing document$
  // before its first page: nothing is ever announced, and this page is the one.
  if (doc$ && typeof doc$.subscribe === "function") {
    doc$.subscribe({ next: each, complete: function () { if (!seen) each(); } });
  } else each();
}

var started = false;

function startBundled() {
  if (started) return;
  started = true;
  boot.start_(create).forEach(create);
  onEachPage(refreshBundled);
}

// The listeners are there at once; the interface (and its stylesheet, and a
// hosted script) only after the page's load event, which they would delay, or at
// the first press, whichever comes first. When the bootstrap fetched this file
// (load: idle or interaction), the load event is long past.
function afterLoad(fn) {
  if (document.readyState === "complete") fn();
  else window.addEventListener("load", function () { fn(); }, { once: true });
}

function flushWaiting() {
  if (!stored().length) return;
  loadPart("outbox").then(function (outbox) { outbox.flushNow(); }, function () {
    /* offline: the next "online" tries again */
  });
}

/** The widget starts: widget.js calls this once, when the page has all it needs. */
export function start() {
  startMeasure();
  // Whatever an earlier page could not send goes out again now, and whenever the
  // browser comes back online: the outbox part comes only where something waits.
  window.addEventListener("online", flushWaiting);
  setTimeout(flushWaiting, 0);

  api.on("action-triggered", route);
  if (useHosted) {
    onEachPage(refreshHosted);
    // A facade by default: the hosted script waits for the reader's press.
    if (site.load !== "interaction") afterLoad(startHosted);
  } else {
    if (document.querySelector("[" + CTA_ATTRIBUTE + "]")) pageStyles();
    // Building the interface is a task of its own, in the browser's idle time, not
    // the one that ran this file; a press starts it at once.
    afterLoad(function () {
      if (window.requestIdleCallback) window.requestIdleCallback(startBundled, { timeout: 2000 });
      else setTimeout(startBundled, 1);
    });
  }
  // Presses from now on, and the one the bootstrap kept, if any.
  boot.ready_(pressed);
}
