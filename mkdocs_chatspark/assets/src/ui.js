/* mkdocs-chatspark widget, part 3 of 4: the bundled interface (launcher, panel,
 * buttons, links and forms). */

// --- the bundled widget ----------------------------------------------------

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

function build() {
  var launcher = el("button", {
    type: "button",
    class: "chatspark-launcher",
    "aria-label": text.launcher_label,
    "aria-expanded": "false",
    "aria-controls": "chatspark-panel",
    onclick: function () { toggle(); },
  }, [icon()]);
  var close = el("button", {
    type: "button", class: "chatspark-close", "aria-label": text.close, text: "\u00d7",
    onclick: function () { toggle(false); },
  });
  var greeting = el("p", { class: "chatspark-message" });
  // A hosted script that waits for the reader's consent: say so, and offer the dialog.
  var consent = site.script && !hosted ? consentNote() : null;
  var actions = el("div", { class: "chatspark-actions" });
  var panel = el("section", {
    id: "chatspark-panel", class: "chatspark-panel", role: "dialog",
    "aria-labelledby": "chatspark-title", hidden: true,
    onkeydown: function (e) { if (e.key === "Escape") { e.stopPropagation(); toggle(false); } },
  }, [
    el("header", { class: "chatspark-header" }, [
      el("h2", { id: "chatspark-title", class: "chatspark-title", text: text.title }), close,
    ]),
    el("div", { class: "chatspark-body" }, [greeting, actions, consent]),
  ]);
  var box = el("div", {
    class: "chatspark chatspark--" + (site.position === "left" ? "left" : "right"),
    "data-chatspark": "", hidden: true,
  }, [panel, launcher]);
  // The stylesheet sits inside the widget, not in <head>: it never blocks the
  // page's first render, and instant navigation (which prunes <head>) keeps it.
  var css = el("link", { rel: "stylesheet", href: new URL("widget.css", me.src).href });
  function ready() { ui.styled = true; show(ui.wanted); }
  css.addEventListener("load", ready);
  css.addEventListener("error", ready); // unstyled beats missing
  box.insertBefore(css, panel);
  d.body.appendChild(box);
  ui = { box: box, launcher: launcher, panel: panel, greeting: greeting, actions: actions };
}

// Material's cookie consent dialog (extra.consent) opens on its #__consent target.
function consentNote() {
  var dialog = d.getElementById("__consent");
  return el("p", { class: "chatspark-note chatspark-consent" }, [
    d.createTextNode(text.consent),
    dialog ? d.createTextNode(" ") : null,
    dialog ? el("button", {
      type: "button", class: "chatspark-retry", text: text.consent_settings,
      onclick: function () {
        toggle(false);
        if (location.hash === "#__consent") location.hash = "";
        location.hash = "__consent";
      },
    }) : null,
  ]);
}

// Shown once its stylesheet is in, and only on pages that have the widget.
function show(wanted) {
  ui.wanted = wanted;
  if (!wanted) toggle(false);
  ui.box.hidden = !(wanted && ui.styled);
  if (!ui.box.hidden && !ui.live) {
    // On screen for the first time: it takes over from the bootstrap's launcher,
    // and a press made while it loaded runs now.
    ui.live = true;
    core.unfacade(ui.launcher);
    core.ready(pressed);
  }
}

function toggle(open) {
  if (open === undefined) open = ui.panel.hidden;
  var wasOpen = !ui.panel.hidden;
  ui.panel.hidden = !open;
  ui.launcher.setAttribute("aria-expanded", String(open));
  if (open && !wasOpen) {
    var first = ui.actions.querySelector("button, a, input, select, textarea");
    (first || ui.panel.querySelector(".chatspark-close")).focus();
  } else if (!open && wasOpen) {
    ui.launcher.focus();
  }
}

function note() {
  return el("p", { class: "chatspark-note", role: "status" });
}

// Errors are announced at once (alert), everything else politely (status).
function say(target, message, kind, retry) {
  target.textContent = message || "";
  target.className = "chatspark-note" + (kind ? " chatspark-note--" + kind : "");
  target.setAttribute("role", kind === "error" ? "alert" : "status");
  if (retry) {
    target.appendChild(d.createTextNode(" "));
    target.appendChild(el("button", {
      type: "button", class: "chatspark-retry", text: text.retry, onclick: retry,
    }));
  }
}

// One outcome UI for buttons and forms: busy while in flight, then a message,
// and after a failure a retry that sends the identical request again.
function follow(action, outcome, status, control, after) {
  if (!outcome || typeof outcome.then !== "function") return;
  control.setAttribute("aria-disabled", "true");
  say(status, text.sending);
  outcome.then(function (res) {
    control.removeAttribute("aria-disabled");
    if (after) after(res);
    if (res.preview) {
      say(status, text.preview, "success");
      status.appendChild(el("pre", { class: "chatspark-preview", text: res.preview }));
    } else if (res.ok) {
      say(status, action.successMessage || text.success, "success");
    } else {
      say(status, action.errorMessage || text.error, "error", function () {
        if (busy(control)) return;
        follow(action, res.retry(), status, control, after);
      });
    }
  });
}

function busy(control) {
  return control.getAttribute("aria-disabled") === "true";
}

function renderButton(action) {
  var status = note();
  var button = el("button", {
    type: "button",
    class: "chatspark-button" + (action.primary ? " chatspark-button--primary" : ""),
    text: action.label,
    onclick: function () {
      if (busy(button)) return;
      follow(action, trigger(action, action.data || {}), status, button);
    },
  });
  return el("div", { class: "chatspark-item" }, [button, status]);
}

function renderLink(action) {
  function fire() { trigger(action, {}); }
  return el("div", { class: "chatspark-item" }, [
    el("a", {
      class: "chatspark-button chatspark-link" + (action.primary ? " chatspark-button--primary" : ""),
      href: href(action), target: "_blank", rel: "noopener",
      text: action.label, onclick: fire, onauxclick: fire,
    }),
  ]);
}

function renderField(action, field) {
  var id = "chatspark-" + action.id + "-" + field.key;
  var error = el("p", { id: id + "-error", class: "chatspark-error", hidden: true });
  var attrs = {
    id: id, name: field.key, class: "chatspark-input",
    "aria-required": field.required ? "true" : false,
    placeholder: field.placeholder, maxlength: field.maxLength,
  };
  var input;
  if (field.type === "textarea") {
    input = el("textarea", attrs);
  } else if (field.type === "select") {
    input = el("select", attrs, [el("option", { value: "", text: text.choose_prompt })].concat(
      field.options.map(function (o) { return el("option", { value: o, text: o }); })
    ));
  } else {
    attrs.type = field.type;
    if (field.type === "email") attrs.autocomplete = "email";
    if (field.type === "number") attrs.step = "any";
    input = el("input", attrs);
  }
  // The asterisk stays outside the <label>: the field's name is its label alone,
  // and aria-required tells assistive technology the rest.
  var label = el("span", { class: "chatspark-label" }, [
    el("label", { for: id, text: field.label }),
    field.required ? el("span", { class: "chatspark-required", "aria-hidden": "true", text: " *" }) : null,
  ]);
  var box = el("div", {
    class: "chatspark-field chatspark-field--" + field.type,
  }, field.type === "checkbox" ? [input, label, error] : [label, input, error]);
  return { field: field, input: input, error: error, box: box };
}

function check(f) {
  var field = f.field;
  var value = field.type === "checkbox" ? f.input.checked : f.input.value.trim();
  if (field.type === "number" && f.input.validity.badInput) return text.number; // typed, not a number
  if (field.required && (value === "" || value === false)) return text.required;
  if (value === "" || value === false || value === true) return "";
  if (field.maxLength && value.length > field.maxLength) {
    return text.too_long.replace("{n}", field.maxLength);
  }
  if (field.type === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return text.email;
  if (field.type === "url") {
    var ok = false;
    try { ok = /^https?:$/.test(new URL(value).protocol); } catch (err) { ok = false; }
    if (!ok) return text.url;
  }
  if (field.type === "number" && (f.input.validity.badInput || !isFinite(Number(value)))) {
    return text.number;
  }
  if (field.type === "select" && field.options.indexOf(value) < 0) return text.choose;
  return "";
}

function collect(fields) {
  var data = {};
  fields.forEach(function (f) {
    var t = f.field.type;
    if (t === "checkbox") data[f.field.key] = f.input.checked;
    else {
      var v = f.input.value.trim();
      if (v !== "") data[f.field.key] = t === "number" ? Number(v) : v;
    }
  });
  return data;
}

function fill(fields, data) {
  fields.forEach(function (f) {
    var v = data[f.field.key];
    if (f.field.type === "checkbox") f.input.checked = v === true;
    else f.input.value = v == null ? "" : String(v);
  });
}

var drafts = {}; // action id -> what the reader typed, kept across instant page swaps

function renderForm(action) {
  var formId = "chatspark-form-" + action.id;
  var fields = action.fields.map(function (f) { return renderField(action, f); });
  var status = note();
  var submit = el("button", {
    type: "submit", class: "chatspark-button chatspark-button--primary", text: action.submitLabel || text.submit,
  });
  var failed = null; // the last delivery that did not go through: {data, retry}

  function sent() {
    failed = null;
    delete drafts[action.id];
    form.reset();
  }

  // After a failure the request waits in the outbox; if it goes through in the
  // background, the form says so.
  function settle(data) {
    return function (res) {
      if (res.ok) return sent();
      failed = { data: data, retry: res.retry };
      watchers[res.key] = function (later) {
        if (!later.ok) return;
        delete watchers[res.key];
        sent();
        say(status, action.successMessage || text.success, "success");
      };
    };
  }

  var form = el("form", {
    id: formId, class: "chatspark-form", novalidate: true, hidden: true,
    "aria-label": action.label,
    oninput: function () { drafts[action.id] = collect(fields); },
    onchange: function () { drafts[action.id] = collect(fields); },
    onsubmit: function (e) {
      e.preventDefault();
      if (busy(submit)) return;
      var invalid = fields.filter(function (f) {
        var problem = check(f);
        f.error.textContent = problem;
        f.error.hidden = !problem;
        if (problem) {
          f.input.setAttribute("aria-invalid", "true");
          f.input.setAttribute("aria-describedby", f.error.id);
        } else {
          f.input.removeAttribute("aria-invalid");
          f.input.removeAttribute("aria-describedby");
        }
        return problem;
      });
      if (invalid.length) {
        say(status, text.fix, "error");
        invalid[0].input.focus();
        return;
      }
      var data = collect(fields);
      // Sending the same data again after a failure is a retry, not a new submission.
      var outcome = failed && JSON.stringify(failed.data) === JSON.stringify(data)
        ? failed.retry()
        : trigger(action, data);
      follow(action, outcome || Promise.resolve({ ok: true }), status, submit, settle(data));
    },
  }, fields.map(function (f) { return f.box; }).concat([submit]));
  var opener = el("button", {
    type: "button",
    class: "chatspark-button" + (action.primary ? " chatspark-button--primary" : ""),
    "aria-expanded": "false", "aria-controls": formId, text: action.label,
    onclick: function () {
      form.hidden = !form.hidden;
      opener.setAttribute("aria-expanded", String(!form.hidden));
      if (!form.hidden && fields.length) fields[0].input.focus();
    },
  });
  function expand() {
    form.hidden = false;
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
    var data = JSON.parse(pending.body).data || {};
    if (!drafts[action.id]) fill(fields, data);
    expand();
    settle(data)({ ok: false, key: pending.key, retry: function () { return deliver(pending); } });
    say(status, text.pending, "error", function () {
      if (!busy(submit)) follow(action, deliver(pending), status, submit, settle(data));
    });
  }
  return el("div", { class: "chatspark-item" }, [opener, form, status]);
}

var renderers = { button: renderButton, link: renderLink, form: renderForm };

// ChatSpark(config) for the bundled widget: one widget, reconfigured in place.
var instance = {
  on: CS.on, off: CS.off,
  open: function () { toggle(true); }, close: function () { toggle(false); },
};

function create(cfg) {
  if (!ui) build();
  if (!cfg || !cfg.data) return instance; // nothing to change
  var actions = cfg.data.actions || [];
  current = {};
  actions.forEach(function (a) { current[a.id] = a; });
  var page = readPage() || {};
  ui.greeting.textContent = page.greeting || text.greeting;
  ui.actions.replaceChildren.apply(ui.actions, actions.map(function (a) {
    var item = (renderers[a.type] || renderButton)(a);
    item.setAttribute("data-chatspark-item", a.id);
    return item;
  }));
  show(true);
  return instance;
}

// A press the bootstrap passes on: on its launcher ("open"), or on a call to action
// in the page, `[Book a demo](chatspark:book_demo)`: open the chat and run that
// action there (a form opens, ready to fill in). False: not ours, the click goes on.
function pressed(kind, id) {
  if (!ui || ui.box.hidden) return false;
  if (kind === "open") {
    toggle(true);
    return true;
  }
  var item = Array.prototype.find.call(ui.actions.children, function (c) {
    return c.getAttribute("data-chatspark-item") === id;
  });
  if (!item) return false;
  toggle(true);
  var form = item.querySelector("form");
  if (form && !form.hidden) {
    var field = form.querySelector("input, select, textarea");
    if (field) field.focus();
  } else {
    item.firstElementChild.click();
  }
  return true;
}
