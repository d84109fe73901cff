/* mkdocs-chatspark widget, part 5 of 6: the bundled interface (launcher, panel,
 * buttons, links and forms), in an open shadow root: no rule of the page reaches
 * inside, and the page's scripts, the tests and assistive technology still reach
 * every control. */

function own(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function el(tag, attrs, kids) {
  var node = d.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    var v = attrs[k];
    if (v === false || v == null) return;
    if (k === "text") node.textContent = v;
    else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  });
  (kids || []).forEach(function (k) { if (k) node.appendChild(k); });
  return node;
}

// One of the widget's words. Words the site's language has no translation for are
// English (site.english lists them): they say so, so that a screen reader speaks
// them as English and a right-to-left page keeps their punctuation in place.
function english(key) {
  return site.english && site.english.indexOf(key) >= 0;
}

function words(key, node, n, m) {
  var said = text[key];
  if (n != null) said = said.replace("{n}", n);
  if (m != null) said = said.replace("{m}", m);
  node.textContent = said;
  if (english(key)) {
    node.setAttribute("lang", "en");
    node.setAttribute("dir", "ltr");
  }
  return node;
}

// A message, into a node that may have said another before: each part is the
// widget's words ({key, n, m}, marked by words() in a span of their own) or the
// author's text (a string, in the page's language).
function speak(node, parts) {
  node.textContent = "";
  [].concat(parts).filter(Boolean).forEach(function (p, i) {
    if (i) node.appendChild(d.createTextNode(" "));
    node.appendChild(typeof p === "string" ? d.createTextNode(p) : words(p.key, el("span"), p.n, p.m));
  });
}

function icon() {
  var ns = "http://www.w3.org/2000/svg";
  var svg = d.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  var path = d.createElementNS(ns, "path");
  path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z");
  svg.appendChild(path);
  return svg;
}

var ui = null;

// The stylesheet in the page, boot.css: calls to action in the prose (hosted mode
// too), the widget's layer and the bootstrap's launcher. <head> has it inline on a
// page with calls to action, or else the bootstrap links it; this link, the same
// file, says when it is in. A <link> in <body>: instant navigation keeps it, as it
// keeps the widget. `then` runs once it is in (or failed: unstyled beats missing).
var pageCss = null;
var pageCssWaiting = [];

function pageStyles(then) {
  if (then) pageCssWaiting.push(then);
  var href = new URL("boot.css", me.src).href;
  if (!pageCss) {
    // The inline copy (no sheet where a Content-Security-Policy refused it), or
    // the bootstrap's own link, already in: no second request for the same file.
    var inline = d.getElementById(BOOT_STYLE_ID);
    var have = inline && inline.sheet ? inline : Array.prototype.find.call(d.querySelectorAll("body link[rel=stylesheet]"), function (l) {
      return l.href === href && l.sheet;
    });
    if (have) {
      pageCss = have;
      pageCss.done = true;
    }
  }
  if (!pageCss) {
    pageCss = el("link", { rel: "stylesheet", href: href, "data-chatspark-css": "" });
    var done = function () {
      pageCss.done = true;
      pageCssWaiting.splice(0).forEach(function (fn) { fn(); });
    };
    pageCss.addEventListener("load", done);
    pageCss.addEventListener("error", done);
    d.body.appendChild(pageCss);
  } else if (pageCss.done) {
    pageCssWaiting.splice(0).forEach(function (fn) { fn(); });
  }
}

function build(hosted) {
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
  launcher.setAttribute("aria-label", text.launcher_label);
  // An English name (the fallback) on a page in another language is spoken as English.
  if (english("launcher_label")) launcher.lang = "en";
  var close = el("button", {
    type: "button", class: "chatspark-close", "aria-label": text.close, text: "\u00d7",
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
    el("div", { class: "chatspark-body" }, [greeting, actions, consent]),
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
  var css = el("link", { rel: "stylesheet", href: new URL("widget.css", me.src).href });
  css.addEventListener("load", ready);
  css.addEventListener("error", ready); // unstyled beats missing
  shadow.appendChild(css);
  shadow.appendChild(box);
  d.body.appendChild(host);
  ui = {
    host: host, shadow: shadow, box: box, launcher: launcher, panel: panel,
    greeting: greeting, actions: actions, opener: null,
  };
  followViewport();
  phone.addEventListener("change", cover);
  // The page's own keys and focus (those in the widget stop at its host).
  d.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !ui.panel.hidden) toggle(false, null, true);
  });
  d.addEventListener("focusin", function (e) {
    if (!ui.panel.hidden && !phone.matches && under(e.target, ui.panel)) toggle(false, null, true);
  });
}

var phone = w.matchMedia("(max-width: 480px)");
var inert = []; // what cover() made inert

// On a phone the open panel covers the whole screen (widget.css), so it is modal,
// for a screen reader too: the page behind it, and the launcher under it, are
// inert (out of the accessibility tree and out of reach) until it closes. On a
// wide screen it is not modal: Escape closes it wherever focus is, and focus that
// moves to an element of the page the panel hides entirely (WCAG 2.4.11) closes it.
function cover() {
  var modal = !ui.panel.hidden && phone.matches;
  if (modal) ui.panel.setAttribute("aria-modal", "true");
  else ui.panel.removeAttribute("aria-modal");
  ui.launcher.inert = modal;
  inert.splice(0).forEach(function (n) { n.inert = false; });
  if (modal) {
    Array.prototype.forEach.call(d.body.children, function (n) {
      if (n !== ui.host && !n.inert) inert.push(n);
    });
    inert.forEach(function (n) { n.inert = true; });
  }
}

// Whether `node`'s box is entirely inside `over`'s.
function under(node, over) {
  var r = node.getBoundingClientRect();
  var o = over.getBoundingClientRect();
  return node !== ui.host && r.left >= o.left && r.right <= o.right && r.top >= o.top && r.bottom <= o.bottom;
}

// Focus given back to an element of the page that something fixed covers (a
// theme's sticky header, after the reader scrolled): it scrolls to the middle.
function uncover(node) {
  var r = node.getBoundingClientRect();
  var hit = d.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (hit && hit !== node && !node.contains(hit)) node.scrollIntoView({ block: "center", behavior: "instant" });
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
  var vv = w.visualViewport;
  if (!vv) return;
  var queued = false;
  function place() {
    queued = false;
    var s = ui.box.style;
    var plain = vv.scale === 1 && !vv.offsetLeft && !vv.offsetTop &&
      d.documentElement.scrollWidth <= vv.width;
    s.setProperty("--cs-vv-left", vv.offsetLeft + "px");
    s.setProperty("--cs-vv-top", vv.offsetTop + "px");
    s.setProperty("--cs-vv-width", plain ? "100%" : vv.width + "px");
    s.setProperty("--cs-vv-height", vv.height + "px");
  }
  function later() {
    if (!queued) { queued = true; w.requestAnimationFrame(place); }
  }
  vv.addEventListener("resize", later);
  w.addEventListener("resize", later);
  vv.addEventListener("scroll", later);
  later(); // in the next frame: reading the page's width here would lay it out now
}

// On a phone the open panel covers the whole screen (widget.css): it is modal, and
// Tab and Shift+Tab go round its controls instead of on to a page nobody sees.
function wrap(e) {
  if (ui.panel.hidden || !w.matchMedia("(max-width: 480px)").matches) return;
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
  var dialog = d.getElementById("__consent");
  return el("p", { class: "chatspark-note chatspark-consent" }, [
    words("consent", el("span")),
    dialog ? d.createTextNode(" ") : null,
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
function show(wanted) {
  ui.wanted = wanted;
  if (!wanted) toggle(false, null, true);
  ui.host.hidden = !(wanted && ui.styled);
  if (!ui.host.hidden && !ui.box.classList.contains("chatspark--hosted")) {
    core.unfacade(ui.launcher);
  }
}

// Where focus is inside the widget, or null.
function focused() {
  return ui && ui.shadow.activeElement;
}

// Opens or closes the panel. `from` is what opened it (the launcher, a call to
// action in the page): closing gives focus back to it. `quiet` leaves focus alone.
function toggle(open, from, quiet) {
  if (open === undefined) open = ui.panel.hidden;
  var wasOpen = !ui.panel.hidden;
  ui.panel.hidden = !open;
  ui.launcher.setAttribute("aria-expanded", String(open));
  cover();
  // A call to action pressed while the panel is open: Escape goes back to it.
  if (open && (from || !wasOpen)) ui.opener = from || ui.launcher;
  if (open && !wasOpen) {
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
function say(target, message, kind, retry, control) {
  // A focused "Try again" is about to go: focus moves to what it stood for first.
  var hadFocus = target.contains(focused() || null);
  speak(target, message);
  target.className = "chatspark-note" + (kind ? " chatspark-note--" + kind : "");
  target.setAttribute("role", kind === "error" ? "alert" : "status");
  if (retry) {
    target.appendChild(d.createTextNode(" "));
    target.appendChild(words("retry", el("button", {
      type: "button", class: "chatspark-retry", onclick: retry,
    })));
  }
  if (hadFocus && control) control.focus();
}

function outcomeText(action, res) {
  if (res.ok) return action.successMessage || { key: "success" };
  if (res.kept === false) return { key: "not_kept" };
  return action.errorMessage || { key: "error" };
}

// One outcome UI for buttons and forms: busy while in flight, then a message,
// and after a failure a retry that sends the identical request again.
function follow(action, outcome, status, control, after, before) {
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
      status.appendChild(d.createTextNode(" "));
      // Its text is the address alone, as a reader writes it: no "mailto:", no query.
      var to = href(action).replace(/^mailto:/i, "").split("?")[0];
      status.appendChild(el("a", { class: "chatspark-mailto", href: res.mailto, text: to }));
    } else if (res.preview) {
      say(status, { key: "preview" }, "success", null, control);
      status.appendChild(el("pre", { class: "chatspark-preview", text: res.preview }));
    } else if (res.ok) {
      say(status, message, "success", null, control);
    } else {
      say(status, message, "error", function () {
        if (busy(control)) return;
        control.focus(); // the retry button goes; focus stays with the action
        follow(action, res.retry(), status, control, after);
      }, control);
    }
  });
}

function busy(control) {
  return control.getAttribute("aria-disabled") === "true";
}

function buttonClass(action) {
  return "chatspark-button" + (action.primary ? " chatspark-button--primary" : "");
}

function renderButton(action) {
  var status = note();
  var button = el("button", {
    type: "button",
    class: buttonClass(action),
    text: action.label,
    onclick: function () {
      if (busy(button)) return;
      track("submitted", action);
      follow(action, trigger(action, action.data || {}), status, button);
    },
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
      d.createTextNode(action.label),
      // The arrow is decoration: the link's name is its label.
      el("span", { "aria-hidden": "true", text: " \u2197" }),
    ]),
  ]);
}

var drafts = Object.create(null); // action id -> what the reader typed, across instant page swaps

function renderForm(action) {
  var formId = "chatspark-form-" + action.id;
  var fields = action.fields.map(function (f, n) { return renderField(action, f, n); });
  var shown = fields.filter(function (f) { return f.box; }); // hidden fields are only sent
  var honeypot = renderHoneypot(action);
  var openedAt = Date.now(); // for min_fill_seconds: reset whenever the form opens
  // "Please correct the fields marked below" above the fields it speaks of.
  var problems = el("p", { class: "chatspark-note", role: "alert" });
  var status = note();
  var submit = el("button", {
    type: "submit", class: "chatspark-button chatspark-button--primary",
    text: action.submitLabel,
  });
  if (!action.submitLabel) words("submit", submit);
  var failed = null; // the last delivery that did not go through: {data, retry, key}
  var sent = false; // succeeded, and nothing typed since: another press does nothing

  // Done: the form closes, empty, and focus goes from it to its button, under
  // which the success line says so.
  function succeeded() {
    failed = null;
    sent = true;
    delete drafts[action.id];
    form.reset();
    var inside = form.contains(focused());
    form.hidden = true;
    opener.setAttribute("aria-expanded", "false");
    if (inside) opener.focus();
  }

  // After a failure the request waits in the outbox; if it goes through in the
  // background, the form says so. Returns false for the outcome of a request the
  // reader has since replaced: the form shows the new one's.
  function settle(data, key) {
    return function (res) {
      if (key && failed && failed.key !== key) return false;
      if (res.ok) return succeeded();
      failed = { data: data, retry: res.retry, key: res.key };
      if (res.kept === false) return; // nothing waits: the input stays in the form
      watchers[res.key] = function (later) {
        if (!later.ok) return;
        delete watchers[res.key];
        track("succeeded", action, "sent", later.key);
        succeeded();
        say(status, action.successMessage || { key: "success" }, "success", null, submit);
      };
    };
  }

  function validate() {
    var invalid = shown.filter(function (f) {
      var problem = check(f);
      mark(f, problem);
      return problem;
    });
    say(problems, invalid.length ? { key: "fix" } : "", invalid.length ? "error" : null);
    if (invalid.length) invalid[0].input.focus();
    return !invalid.length;
  }

  function edited() {
    sent = false;
    drafts[action.id] = collect(fields);
  }

  var form = el("form", {
    id: formId, class: "chatspark-form", novalidate: true, hidden: true,
    "aria-label": action.label,
    oninput: edited,
    onchange: edited,
    onsubmit: function (e) {
      e.preventDefault();
      // Still sending, or sent and nothing typed since (a double click, Enter
      // pressed again): the press changes nothing.
      if (busy(submit) || sent) return;
      if (!validate()) return;
      if (looksLikeABot(action, honeypot, openedAt)) {
        // Answered as a success, so a bot learns nothing; sent nowhere, told to no one.
        succeeded();
        return say(status, action.successMessage || { key: "success" }, "success", null, submit);
      }
      var data = collect(fields);
      // Sending the same data again after a failure is a retry, not a new submission.
      if (failed && JSON.stringify(failed.data) === JSON.stringify(data)) {
        return follow(action, failed.retry(), status, submit, settle(data, failed.key));
      }
      // Different data while an earlier submission still waits: the new one
      // replaces it (a fixed typo must not arrive as a second lead).
      var replaced = failed ? { key: "replaced" } : "";
      if (failed) cancel(failed.key);
      failed = null;
      track("submitted", action);
      var outcome = trigger(action, data) || Promise.resolve({ ok: true });
      follow(action, outcome, status, submit, settle(data), replaced);
    },
  }, [problems].concat(shown.map(function (f) { return f.box; }), [honeypot.box, submit]));
  function focusFirst() {
    if (shown.length) (shown[0].group ? shown[0].choices[0] : shown[0].input).focus();
  }
  var opener = el("button", {
    type: "button",
    class: buttonClass(action),
    "aria-expanded": "false", "aria-controls": formId, text: action.label,
    onclick: function () {
      form.hidden = !form.hidden;
      opener.setAttribute("aria-expanded", String(!form.hidden));
      if (!form.hidden) {
        openedAt = Date.now();
        if (sent) say(status, ""); // a new message: the last one's success line goes
        track("opened", action);
        focusFirst();
      }
    },
  });
  function expand() {
    form.hidden = false;
    openedAt = Date.now();
    opener.setAttribute("aria-expanded", "true");
  }

  // What the reader typed before an instant page swap, or sent before a reload
  // and still waiting in the outbox, is back in the form.
  var pending = outbox().filter(function (r) { return r.actionId === action.id; }).pop();
  if (drafts[action.id]) {
    fill(fields, drafts[action.id]);
    expand();
  }
  if (pending) {
    var data = pending.data || sentData(pending); // older copies: from the body
    if (!drafts[action.id]) fill(fields, data);
    expand();
    failed = { data: data, retry: function () { return deliver(pending); }, key: pending.key };
    if (inflight[pending.key]) {
      // Still on its way (sent from the page before an instant swap): no alarm.
      follow(action, inflight[pending.key], status, submit, settle(data, pending.key));
    } else {
      settle(data, pending.key)({ ok: false, key: pending.key, retry: failed.retry });
      say(status, { key: "pending" }, "error", function () {
        if (busy(submit)) return;
        submit.focus();
        follow(action, deliver(pending), status, submit, settle(data, pending.key));
      }, submit);
    }
  }
  return el("div", { class: "chatspark-item" }, [opener, form, status]);
}

var renderers = { button: renderButton, link: renderLink, form: renderForm };

// ChatSpark(config) for the bundled widget: one widget, reconfigured in place.
var instance = {
  on: CS.on, off: CS.off,
  open: function () { toggle(true); }, close: function () { toggle(false); },
};

// The actions are known at once (presses route by them); their markup is built in
// a task of its own, so that starting the widget is no long task on a slow phone
// (under Lighthouse's 4x slowdown the two together took 66-81 ms), or at once by
// whatever needs it first: `items()`.
var unrendered = null;

function render(actions) {
  current = Object.create(null);
  actions.forEach(function (a) { current[a.id] = a; });
  unrendered = actions;
  setTimeout(items);
}

// The panel's list of actions, built.
function items() {
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

function create(cfg) {
  if (!ui) build(false);
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
function openInPanel(id, from) {
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
