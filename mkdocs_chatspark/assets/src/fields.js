/* mkdocs-chatspark widget: a form's fields. Each field is drawn, checked before
 * anything is sent, read into the data and filled back in, by its type (the
 * Field typedef in data.js). model.py checks the same rules at build time, for
 * the author's defaults. */

import { own } from "./data.js";
import { el, speak, words } from "./dom.js";
import { HONEYPOT_INPUT } from "./names.js";

// What a field's value is, typed as the payload carries it: text-like fields a
// trimmed string, number a number, checkbox true/false, a multiple select a list.
function valueIn(f) {
  var field = f.field;
  if (field.type === "hidden") return field.value;
  if (field.type === "checkbox") return f.input.checked;
  if (field.type === "radio") {
    var on = f.choices.filter(function (c) { return c.checked; })[0];
    return on ? on.value : "";
  }
  if (field.type === "select" && field.multiple) {
    return Array.prototype.filter.call(f.input.options, function (o) { return o.selected; })
      .map(function (o) { return o.value; });
  }
  return f.input.value.trim();
}

// An ISO date as the reader writes dates: in the reader's own locale where it is of
// the page's language (en-GB on an English page), else in the page's; not ISO.
function readableDate(iso) {
  var lang = document.documentElement.lang || "en";
  var reader = navigator.language || "";
  var locale = reader.split("-")[0] === lang.split("-")[0] ? reader : lang;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" })
      .format(new Date(iso + "T00:00:00Z"));
  } catch (err) {
    return iso;
  }
}

function empty(value) {
  return value === "" || value === false || (Array.isArray(value) && !value.length);
}

// One of the widget's words as a field's problem (speak() in dom.js shows it).
function numbered(key, n) {
  return { key: key, n: n };
}

// A value on the field's step, counted from its min (or 0), as HTML counts it.
function onStep(value, field) {
  if (!field.step) return true;
  var steps = (value - (field.min || 0)) / field.step;
  return Math.abs(steps - Math.round(steps)) <= 1e-9 * Math.max(1, Math.abs(steps));
}

// A number off its step: with min 1 and step 5 the valid numbers are 1, 6, 11,
// and 10 is told "6 or 11". A step counted from 0 is told as a step.
function offStep(n, field) {
  var base = field.min || 0;
  if (onStep(base, { step: field.step })) return numbered("step", field.step);
  var places = Math.max(decimals(base), decimals(field.step));
  var below = base + Math.floor((n - base) / field.step) * field.step;
  var lo = Number(below.toFixed(places));
  var hi = Number((below + field.step).toFixed(places));
  if (field.max != null && hi > field.max) return numbered("too_large", lo);
  return { key: "step_near", n: lo, m: hi };
}

function decimals(x) {
  return (String(x).split(".")[1] || "").length;
}

// pattern -> RegExp, made once. No prototype: a pattern may be `constructor`.
var patterns = Object.create(null);
// Longer values are not tested against a pattern (they are told too long): the
// build refuses patterns that explode (redos.py), and this bounds the rest, so
// that no test blocks the page (benchmarks/bench_patterns.py measures it).
var PATTERN_MAX = 1000;

// A field's `pattern` matches the whole value, read with the u flag; the build
// checked that JavaScript accepts it so (pattern.py, with regress).
function matches(pattern, value) {
  if (!patterns[pattern]) patterns[pattern] = new RegExp("^(?:" + pattern + ")$", "u");
  return patterns[pattern].test(value);
}

// What is wrong with the field's value, in the reader's words (the widget's,
// as {key, n}, or the author's pattern message), or "".
export function check(f) {
  var field = f.field;
  if (field.type === "hidden") return "";
  var value = valueIn(f);
  var typed = f.input && f.input.validity && f.input.validity.badInput; // not a number or date
  if (typed && field.type === "number") return numbered("number");
  if (typed && field.type === "date") return numbered("date");
  if (field.required && empty(value)) return numbered("required");
  if (empty(value) || value === true) return "";
  if (field.type === "select" || field.type === "radio") {
    var chosen = Array.isArray(value) ? value : [value];
    var unknown = chosen.filter(function (v) { return field.options.indexOf(v) < 0; });
    return unknown.length ? numbered("choose") : "";
  }
  if (field.type === "number") {
    var n = Number(value);
    if (!isFinite(n)) return numbered("number");
    if (field.min != null && n < field.min) return numbered("too_small", field.min);
    if (field.max != null && n > field.max) return numbered("too_large", field.max);
    if (!onStep(n, field)) return offStep(n, field);
    return "";
  }
  if (field.type === "date") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return numbered("date");
    if (field.min && value < field.min) return numbered("too_early", readableDate(field.min)); // ISO dates sort as text
    if (field.max && value > field.max) return numbered("too_late", readableDate(field.max));
    return "";
  }
  // Characters as a reader counts them: an emoji is one, not two UTF-16 units.
  if (field.maxLength && Array.from(value).length > field.maxLength) {
    return numbered("too_long", field.maxLength);
  }
  if (field.type === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return numbered("email");
  if (field.type === "url") {
    var ok;
    try { ok = /^https?:$/.test(new URL(value).protocol); } catch (err) { ok = false; }
    if (!ok) return numbered("url");
  }
  if (field.pattern && Array.from(value).length > PATTERN_MAX) return numbered("too_long", PATTERN_MAX);
  if (field.pattern && !matches(field.pattern, value)) return field.patternMessage || numbered("pattern");
  return "";
}

// The data a form sends: every field by key, exactly as the author named it
// (`__proto__` and `constructor` included: no prototype to collide with); empty
// optional fields left out.
export function collect(fields) {
  var data = Object.create(null);
  fields.forEach(function (f) {
    var v = valueIn(f);
    if (f.field.type === "checkbox" || f.field.type === "hidden") data[f.field.key] = v;
    else if (!empty(v)) data[f.field.key] = f.field.type === "number" ? Number(v) : v;
  });
  return data;
}

// Put data back into the fields (a draft, or a request still waiting to be sent).
export function fill(fields, data) {
  fields.forEach(function (f) {
    var v = own(data, f.field.key) ? data[f.field.key] : null;
    var t = f.field.type;
    if (t === "hidden") return;
    if (t === "checkbox") f.input.checked = v === true;
    else if (t === "radio") f.choices.forEach(function (c) { c.checked = c.value === v; });
    else if (t === "select" && f.field.multiple) {
      Array.prototype.forEach.call(f.input.options, function (o) {
        o.selected = Array.isArray(v) && v.indexOf(o.value) >= 0;
      });
    } else f.input.value = v == null ? "" : String(v);
  });
}

// Show or clear a field's problem; the help line and the error both describe it.
export function mark(f, problem) {
  speak(f.error, problem);
  f.error.hidden = !problem;
  var ids = [f.help && f.help.id, problem && f.error.id].filter(Boolean);
  // A radio group's problem on each radio too: focus lands on one, not the group.
  (f.group ? [f.group].concat(f.choices) : [f.input]).forEach(function (target) {
    if (ids.length) target.setAttribute("aria-describedby", ids.join(" "));
    else target.removeAttribute("aria-describedby");
    if (problem) target.setAttribute("aria-invalid", "true");
    else target.removeAttribute("aria-invalid");
  });
}

// Above a form with a required field: what its asterisk means (WCAG 3.3.2). Hidden
// from assistive technology, as the asterisks are: aria-required says it there.
export function requiredNote(shown) {
  if (!shown.some(function (f) { return f.field.required; })) return null;
  return words("required_note", el("p", { class: "chatspark-help", "aria-hidden": "true" }));
}

function asterisk(field) {
  // Outside the <label>: the field's name is its label alone, and aria-required
  // tells assistive technology the rest.
  return field.required
    ? el("span", { class: "chatspark-required", "aria-hidden": "true", text: " *" })
    : null;
}

// A radio group: a fieldset named by its legend, one labelled radio per option.
function renderRadios(id, field, help, error) {
  var choices = field.options.map(function (o, i) {
    return el("input", {
      type: "radio", id: id + "-" + i, name: id, value: o, class: "chatspark-choice",
      checked: field.default === o,
    });
  });
  var group = el("fieldset", {
    class: "chatspark-field chatspark-field--radio", role: "radiogroup",
    "aria-required": field.required ? "true" : false,
    "aria-describedby": help ? help.id : false,
  }, [el("legend", { class: "chatspark-label" }, [document.createTextNode(field.label), asterisk(field)]), help]
    .concat(choices.map(function (c, i) {
      return el("label", { class: "chatspark-option", for: c.id }, [c, document.createTextNode(" " + field.options[i])]);
    }))
    .concat([error]));
  return { field: field, input: choices[0], choices: choices, group: group, error: error, help: help, box: group };
}

// A field's element ids come from its place in the form, not its key, which may be
// any name the build accepts.
export function renderField(action, field, n) {
  if (field.type === "hidden") return { field: field, box: null }; // sent, never shown
  var id = "chatspark-" + action.id + "-" + n;
  var error = el("p", { id: id + "-error", class: "chatspark-error", hidden: true });
  var help = field.help ? el("p", { id: id + "-help", class: "chatspark-help", text: field.help }) : null;
  if (field.type === "radio") return renderRadios(id, field, help, error);
  var attrs = {
    id: id, name: field.key, class: "chatspark-input",
    "aria-required": field.required ? "true" : false,
    "aria-describedby": help ? help.id : false,
    // No maxlength attribute: a longer paste is told, not cut off unseen.
    placeholder: field.placeholder, autocomplete: field.autocomplete,
    "data-chatspark-question": !!field.question, // gets a question the Ask box hands over
  };
  var input;
  var start = field.default;
  if (field.type === "textarea") {
    input = el("textarea", attrs);
    if (start != null) input.defaultValue = start; // what form.reset() comes back to
  } else if (field.type === "select") {
    var chosen = Array.isArray(start) ? start : [start];
    var prompt = field.multiple ? [] : [words("choose_prompt", el("option", { value: "" }))];
    attrs.multiple = !!field.multiple;
    input = el("select", attrs, prompt.concat(field.options.map(function (o) {
      return el("option", { value: o, text: o, selected: chosen.indexOf(o) >= 0 });
    })));
  } else {
    attrs.type = field.type;
    if (field.type === "number") {
      attrs.step = field.step || "any";
      attrs.min = field.min;
      attrs.max = field.max;
    }
    if (field.type === "date") {
      attrs.min = field.min;
      attrs.max = field.max;
    }
    if (field.type === "checkbox") attrs.checked = start === true;
    else if (start != null) attrs.value = String(start);
    input = el("input", attrs);
  }
  var label = el("span", { class: "chatspark-label" }, [
    el("label", { for: id, text: field.label }), asterisk(field),
  ]);
  var kids = field.type === "checkbox" ? [input, label, help, error] : [label, help, input, error];
  var box = el("div", { class: "chatspark-field chatspark-field--" + field.type }, kids);
  return { field: field, input: input, error: error, help: help, box: box };
}

// --- spam: a field people never see, and forms sent faster than people can -------

// Bots fill every input they find. This one is off-screen (not display:none,
// which bots skip), hidden from assistive technology, out of the tab order and
// closed to autofill; a person leaves it empty.
export function renderHoneypot(action) {
  var id = "chatspark-" + action.id + "-hp";
  var input = el("input", {
    type: "text", id: id, name: HONEYPOT_INPUT, tabindex: "-1", autocomplete: "off",
  });
  var box = el("div", { class: "chatspark-hp", "aria-hidden": "true" }, [
    words("honeypot", el("label", { for: id })), input,
  ]);
  return { input: input, box: box };
}

// A filled honeypot, or a form sent sooner than `minFillSeconds` after it opened.
export function looksLikeABot(action, honeypot, openedAt) {
  if (honeypot.input.value !== "") return true;
  return !!action.minFillSeconds && Date.now() - openedAt < action.minFillSeconds * 1000;
}
