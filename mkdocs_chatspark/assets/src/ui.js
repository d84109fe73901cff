/* mkdocs-chatspark widget: the bundled interface (launcher, panel, buttons, links
 * and forms), in an open shadow root: no rule of the page reaches inside, and the
 * page's scripts, the tests and assistive technology still reach every control. */

import { askBox, handsOff } from "./asking.js";
import {
  api, href, ownScript, readPage, showActions, shownActions, site, stored, useHosted,
} from "./data.js";
import { el, english, speak, words } from "./dom.js";
import { drafts } from "./drafts.js";
import { outcomeOf, track } from "./report.js";
import { BOOT_STYLE_ID } from "./names.js";
import { cover, guard, uncover } from "./modal.js";
import { loadPart } from "./parts.js";
import { sendsAhead, trigger } from "./route.js";

function icon() {
  var ns = "http://www.w3.org/2000/svg";
  var svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  var path = document.createElementNS(ns, "path");
  path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z");
  svg.appendChild(path);
  return svg;
}

/** The interface, once built: its host, shadow root, panel, launcher and lists. */
export var ui = null;
var whenStyled = []; // what waits for the panel's stylesheet

export function afterStyled(fn) {
  if (ui && ui.styled) fn();
  else whenStyled.push(fn);
}

// The stylesheet in the page, boot.css: calls to action in the prose (hosted mode
// too), the widget's layer and the bootstrap's launcher. <head> has it inline on a
// page with calls to action, or else the bootstrap links it; this link, the same
// file, says when it is in. A <link> in <body>: instant navigation keeps it, as it
// keeps the widget. `then` runs once it is in (or failed: unstyled beats missing).
var pageCss = null;
var pageCssWaiting = [];

export function pageStyles(then) {
  if (then) pageCssWaiting.push(then);
  var cssHref = new URL("boot.css", ownScript.src).href;
  if (!pageCss) {
    // The inline copy (no sheet where a Content-Security-Policy refused it), or
    // the bootstrap's own link, already in: no second request for the same file.
    var inline = document.getElementById(BOOT_STYLE_ID);
    var have = inline && inline.sheet ? inline : Array.prototype.find.call(document.querySelectorAll("body link[rel=stylesheet]"), function (l) {
      return l.href === cssHref && l.sheet;
    });
    if (have) {
      pageCss = have;
      pageCss.done = true;
    }
  }
  if (!pageCss) {
    pageCss = el("link", { rel: "stylesheet", href: cssHref, "data-chatspark-css": "" });
    var done = function () {
      pageCss.done = true;
      pageCssWaiting.splice(0).forEach(function (fn) { fn(); });
    };
    pageCss.addEventListener("load", done);
    pageCss.addEventListener("error", done);
    document.body.appendChild(pageCss);
  } else if (pageCss.done) {
    pageCssWaiting.splice(0).forEach(function (fn) { fn(); });
  }
}

export function build(hosted) {
  var waiting = 2; // this stylesheet, in the page and in the shadow root
  function ready() {
    if (--waiting) return;
    ui.styled = true;
    show(ui.wanted);
    whenStyled.splice(0).forEach(function (fn) { fn(); });
  }
  pageStyles(ready);
  var host = el("div", { "data-chatspark": "", hidden: true });
  var shadow = host.attachShadow({ mode: "open" });
  // Outside the shadow root a key press seems to come from the host, which is no
  // input field: Material would take a letter typed here for a shortcut.
  host.addEventListener("keydown", function (e) { e.stopPropagation(); });
  var launcher = el("button", {
    type: "button",
    class: "chatspark-launcher",
    "aria-expanded": "false",
    "aria-controls": "chatspark-panel",
    onclick: function () {
      if (!ui.panel.hidden) ui.opener = launcher; // closed from here: focus stays here
      toggle(undefined, launcher);
    },
  }, [icon()]);
  launcher.setAttribute("aria-label", site.text.launcher_label);
  // An English name (the fallback) on a page in another language is spoken as English.
  if (english("launcher_label")) launcher.lang = "en";
  var close = el("button", {
    type: "button", class: "chatspark-close", "aria-label": site.text.close, text: "\u00d7",
    lang: english("close") && "en",
    onclick: function () { toggle(false); },
  });
  var greeting = el("p", { class: "chatspark-message" });
  // A hosted script that waits for the reader's consent: say so, and offer the dialog.
  var consent = site.script && !useHosted ? consentNote() : null;
  var actions = el("div", { class: "chatspark-actions" });
  var panel = el("section", {
    id: "chatspark-panel", class: "chatspark-panel", role: "dialog",
    "aria-labelledby": "chatspark-title", hidden: true,
  }, [
    // A <div>, not a <header>: one banner landmark per page, the site's.
    el("div", { class: "chatspark-header" }, [
      words("title", el("h2", { id: "chatspark-title", class: "chatspark-title" })), close,
    ]),
    el("div", { class: "chatspark-body" }, [
      greeting, site.answers && !hosted ? askBox() : null, actions, consent,
    ]),
  ]);
  var box = el("div", {
    class: "chatspark chatspark--" + (site.position === "left" ? "left" : "right") +
      (hosted ? " chatspark--hosted" : ""),
    // Escape closes the panel from anywhere in the widget, the launcher included.
    onkeydown: function (e) {
      if (e.key === "Escape" && !ui.panel.hidden) {
        e.preventDefault();
        toggle(false);
      }
      if (e.key === "Tab") wrap(e);
    },
  }, [panel, launcher]);
  var css = el("link", { rel: "stylesheet", href: new URL("widget.css", ownScript.src).href });
  css.addEventListener("load", ready);
  css.addEventListener("error", ready); // unstyled beats missing
  shadow.appendChild(css);
  shadow.appendChild(box);
  document.body.appendChild(host);
  ui = {
    host: host, shadow: shadow, box: box, launcher: launcher, panel: panel,
    greeting: greeting, actions: actions, opener: null,
  };
  followViewport();
  guard(ui, function () { toggle(false, null, true); });
}

// The layer follows the visual viewport: when the page is wider than the screen
// (a wide table on a phone), or zoomed in, the launcher stays in the corner the
// reader sees. Otherwise (not zoomed, the page no wider) it is as wide as the
// layout viewport (100%): the visual viewport's width counts in the room a page
// keeps for its scrollbar (`scrollbar-gutter: stable`, Zensical), and the
// launcher went under it. A page swap that makes the layout viewport wider or
// narrower resizes the window. Custom properties set through the CSSOM: no
// inline style in markup.
function followViewport() {
  var vv = window.visualViewport;
  if (!vv) return;
  var queued = false;
  function place() {
    queued = false;
    var s = ui.box.style;
    var plain = vv.scale === 1 && !vv.offsetLeft && !vv.offsetTop &&
      document.documentElement.scrollWidth <= vv.width;
    s.setProperty("--cs-vv-left", vv.offsetLeft + "px");
    s.setProperty("--cs-vv-top", vv.offsetTop + "px");
    s.setProperty("--cs-vv-width", plain ? "100%" : vv.width + "px");
    s.setProperty("--cs-vv-height", vv.height + "px");
  }
  function later() {
    if (!queued) { queued = true; window.requestAnimationFrame(place); }
  }
  vv.addEventListener("resize", later);
  window.addEventListener("resize", later);
  vv.addEventListener("scroll", later);
  later(); // in the next frame: reading the page's width here would lay it out now
}

// On a phone the open panel covers the whole screen (widget.css): it is modal, and
// Tab and Shift+Tab go round its controls instead of on to a page nobody sees.
function wrap(e) {
  if (ui.panel.hidden || !window.matchMedia("(max-width: 480px)").matches) return;
  var all = Array.prototype.filter.call(
    ui.panel.querySelectorAll("button, a[href], input, select, textarea"),
    function (c) { return c.tabIndex >= 0 && !c.disabled && c.getClientRects().length; }
  );
  var at = all.indexOf(focused());
  var to = e.shiftKey ? (at <= 0 ? all.length - 1 : -1) : (at === all.length - 1 || at < 0 ? 0 : -1);
  if (to < 0) return;
  e.preventDefault();
  all[to].focus();
}


// Material's cookie consent dialog (extra.consent) opens on its #__consent target.
function consentNote() {
  var dialog = document.getElementById("__consent");
  return el("p", { class: "chatspark-note chatspark-consent" }, [
    words("consent", el("span")),
    dialog ? document.createTextNode(" ") : null,
    dialog ? words("consent_settings", el("button", {
      type: "button", class: "chatspark-retry",
      onclick: function () {
        toggle(false, null, true);
        if (location.hash === "#__consent") location.hash = "";
        location.hash = "__consent";
      },
    })) : null,
  ]);
}

// Shown once its stylesheet is in, and only on pages that have the widget. The
// first time, its launcher takes over from the bootstrap's.
export function show(wanted) {
  ui.wanted = wanted;
  if (!wanted) toggle(false, null, true);
  ui.host.hidden = !(wanted && ui.styled);
  if (!ui.host.hidden && !ui.box.classList.contains("chatspark--hosted")) {
    unfacade(ui.launcher);
  }
}

// The launcher the bootstrap drew (boot.js) gives way to this one, or to a hosted
// script's: its button goes, once. Its element stays: it holds the bootstrap's
// link to boot.css, which the calls to action still need. Focus follows to `next`.
export function unfacade(next) {
  var button = document.querySelector(".chatspark-facade > button");
  if (!button) return;
  var hadFocus = button.matches(":focus");
  button.remove();
  if (hadFocus && next) next.focus();
}

// Where focus is inside the widget, or null.
export function focused() {
  return ui && ui.shadow.activeElement;
}

// Opens or closes the panel. `from` is what opened it (the launcher, a call to
// action in the page): closing gives focus back to it. `quiet` leaves focus alone.
export function toggle(open, from, quiet) {
  if (open === undefined) open = ui.panel.hidden;
  var wasOpen = !ui.panel.hidden;
  ui.panel.hidden = !open;
  ui.launcher.setAttribute("aria-expanded", String(open));
  cover(ui);
  // A call to action pressed while the panel is open: Escape goes back to it.
  if (open && (from || !wasOpen)) ui.opener = from || ui.launcher;
  if (open && !wasOpen) {
    sendsAhead(shownActions());
    var first = items().querySelector("button, a, input, select, textarea");
    if (!quiet) (first || ui.panel.querySelector(".chatspark-close")).focus();
  } else if (!open && wasOpen) {
    var back = ui.opener && ui.opener.isConnected ? ui.opener : ui.launcher;
    ui.opener = null;
    if (!quiet) back.focus();
    if (!quiet && back !== ui.launcher) uncover(back);
    if (ui.box.classList.contains("chatspark--hosted")) show(false);
  }
}

function note() {
  return el("p", { class: "chatspark-note", role: "status" });
}

// Errors are announced at once (alert), everything else politely (status).
export function say(target, message, kind, retry, control) {
  // A focused "Try again" is about to go: focus moves to what it stood for first.
  var hadFocus = target.contains(focused() || null);
  speak(target, message);
  target.className = "chatspark-note" + (kind ? " chatspark-note--" + kind : "");
  target.setAttribute("role", kind === "error" ? "alert" : "status");
  if (retry) {
    target.appendChild(document.createTextNode(" "));
    target.appendChild(words("retry", el("button", {
      type: "button", class: "chatspark-retry", onclick: retry,
    })));
  }
  if (hadFocus && control) control.focus();
}

function outcomeText(action, res) {
  if (res.unconfirmed) return { key: "unconfirmed" };
  if (res.ok) return action.successMessage || { key: "success" };
  if (res.kept === false) return { key: "not_kept" };
  return action.errorMessage || { key: "error" };
}

// One outcome UI for buttons and forms: busy while in flight, then a message,
// and after a failure a retry that sends the identical request again.
export function follow(action, outcome, status, control, after, before) {
  if (!outcome || typeof outcome.then !== "function") return;
  control.setAttribute("aria-disabled", "true");
  say(status, [before, { key: "sending" }], null, null, control);
  outcome.then(function (res) {
    control.removeAttribute("aria-disabled");
    track(res.ok ? "succeeded" : "failed", action, outcomeOf(res), res.key);
    if (after && after(res) === false) return; // the form has moved on
    var message = [before, outcomeText(action, res)];
    if (res.mailto) {
      // The mail program may not open (no handler, a webmail reader): the link stays.
      say(status, { key: "mailto" }, "success", null, control);
      status.appendChild(document.createTextNode(" "));
      // Its text is the address alone, as a reader writes it: no "mailto:", no query.
      var to = href(action).replace(/^mailto:/i, "").split("?")[0];
      status.appendChild(el("a", { class: "chatspark-mailto", href: res.mailto, text: to }));
    } else if (res.preview) {
      say(status, { key: "preview" }, "success", null, control);
      status.appendChild(el("pre", { class: "chatspark-preview", text: res.preview }));
    } else if (res.ok) {
      say(status, message, "success", null, control);
    } else if (res.status === 429 && res.kept) {
      // Too many requests: the outbox sends it again by itself when the receiver
      // said (Retry-After), so no "Try again"; a form says when it went (form.js).
      say(status, [before, { key: "pending" }], null, null, control);
      if (!after && res.watch) {
        res.watch(function (later) {
          if (later.ok) say(status, outcomeText(action, later), "success", null, control);
        });
      }
    } else {
      say(status, message, "error", function () {
        if (busy(control)) return;
        control.focus(); // the retry button goes; focus stays with the action
        follow(action, res.retry(), status, control, after);
      }, control);
    }
  });
}

export function busy(control) {
  return control.getAttribute("aria-disabled") === "true";
}

function buttonClass(action) {
  return "chatspark-button" + (action.primary ? " chatspark-button--primary" : "");
}

function renderButton(action) {
  var status = note();
  function ahead() { sendsAhead([action]); }
  var button = el("button", {
    type: "button",
    class: buttonClass(action),
    text: action.label,
    onclick: function () {
      if (busy(button)) return;
      track("submitted", action);
      follow(action, trigger(action, action.data || {}), status, button);
    },
    onpointerover: ahead, onfocus: ahead,
  });
  return el("div", { class: "chatspark-item" }, [button, status]);
}

function renderLink(action) {
  function fire() {
    track("opened", action);
    trigger(action, {});
  }
  return el("div", { class: "chatspark-item" }, [
    el("a", {
      class: buttonClass(action) + " chatspark-link",
      href: href(action), target: "_blank", rel: "noopener",
      onclick: fire, onauxclick: fire,
    }, [
      document.createTextNode(action.label),
      // The arrow is decoration: the link's name is its label.
      el("span", { "aria-hidden": "true", text: " \u2197" }),
    ]),
  ]);
}

// A form's opener and status line. The form itself, and its fields, come with the
// form part (form.js), the first time the reader opens it (a pointer over the
// opener, or focus on it, fetches the part), or at once where a draft or a request
// still waiting in the outbox fills it.
function renderForm(action) {
  var status = note();
  var built = null; // {form, toggle}, once the part has drawn it
  var opening = false; // a press while the part loads counts once
  function withForm(then) {
    if (built) return then(built);
    if (opening) return;
    opening = true;
    loadPart("form").then(function (part) {
      opening = false;
      if (!built) {
        built = part.renderForm(action, opener, status);
        item.insertBefore(built.form, status);
      }
      then(built);
    }, function () {
      opening = false;
      say(status, action.errorMessage || { key: "error" }, "error");
    });
  }
  function preload() {
    loadPart("form").catch(function () { /* a press tries again */ });
  }
  var opener = el("button", {
    type: "button",
    class: buttonClass(action),
    "aria-expanded": "false", text: action.label,
    onclick: function () {
      handsOff(action.id); // right after a refusal: the question goes in
      withForm(function (f) { f.toggle(); });
    },
    onpointerover: preload, onfocus: preload,
  });
  var item = el("div", { class: "chatspark-item" }, [opener, status]);
  var waiting = stored().some(function (r) { return r && r.actionId === action.id; });
  if (drafts[action.id] || waiting) withForm(function () {});
  return item;
}

var renderers = { button: renderButton, link: renderLink, form: renderForm };

// ChatSpark(config) for the bundled widget: one widget, reconfigured in place.
var instance = null;

// The actions are known at once (presses route by them); their markup is built in
// a task of its own, so that starting the widget is no long task on a slow phone
// (under Lighthouse's 4x slowdown the two together took 66-81 ms), or at once by
// whatever needs it first: `items()`.
var unrendered = null;

export function render(actions) {
  showActions(actions);
  unrendered = actions;
  setTimeout(items);
}

// The panel's list of actions, built.
export function items() {
  var actions = unrendered;
  unrendered = null;
  if (actions) {
    ui.actions.replaceChildren.apply(ui.actions, actions.map(function (a) {
      var item = (renderers[a.type] || renderButton)(a);
      item.setAttribute("data-chatspark-item", a.id);
      return item;
    }));
  }
  return ui.actions;
}

export function create(cfg) {
  if (!ui) build(false);
  if (!instance) {
    instance = {
      on: api.on, off: api.off,
      open: function () { toggle(true); }, close: function () { toggle(false); },
    };
  }
  if (!cfg || !cfg.data) return instance; // nothing to change
  var page = readPage() || {};
  if (page.greeting) ui.greeting.textContent = page.greeting;
  else words("greeting", ui.greeting);
  render(cfg.data.actions || []);
  show(true);
  return instance;
}

// A call to action in the page, `[Book a demo](chatspark:book_demo)`, in the
// bundled panel: open it and run that action there (a form opens, ready to fill in).
export function openInPanel(id, from) {
  var item = Array.prototype.find.call(items().children, function (c) {
    return c.getAttribute("data-chatspark-item") === id;
  });
  if (!item) return false;
  toggle(true, from);
  var form = item.querySelector("form");
  if (form && !form.hidden) {
    var field = form.querySelector("input:not([tabindex='-1']), select, textarea");
    if (field) field.focus();
  } else {
    item.querySelector(".chatspark-button").click();
  }
  return true;
}
