/* mkdocs-chatspark widget: requests and the outbox. No DOM here: what a reader
 * sent, kept in localStorage until a receiver has it.
 *
 * A part (scripts/build-assets.mjs), loaded on intent to send: the panel opens on a
 * page with an action that sends, a press, or a submission waits from before. The
 * form and feedback parts import it, and get this one, loaded first. */

import { href, OUTBOX, own, readPage, RESTORE_MAX_AGE, root, site, stored } from "./data.js";
import { GOTCHA, HONEYPOT_INPUT } from "./names.js";

// --- requests: built once, sent again byte for byte --------------------------

export function uuid() {
  var b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); });
  return [h.slice(0, 4), h.slice(4, 6), h.slice(6, 8), h.slice(8, 10), h.slice(10)]
    .map(function (p) { return p.join(""); })
    .join("-");
}

// Fields by key, as an HTML form sends them: a multiple select's choices as
// repeated keys, a button's nested static data as JSON.
function formFields(action, data) {
  var form = new URLSearchParams();
  Object.keys(data).forEach(function (k) {
    var v = data[k];
    if (Array.isArray(v) && action.type === "form") {
      v.forEach(function (item) { form.append(k, String(item)); });
    } else {
      form.append(k, typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
    }
  });
  return form;
}

// A delivery is built once; a retry sends exactly the same bytes and key. `where`
// is the page it was sent from: {url, title}, and the opted-in context (measure.js).
// `data` stays beside the body, to fill the form again while the request waits.
export function request(action, data, where) {
  var id = uuid();
  var at = new Date().toISOString();
  var replaces = replacing[action.id]; // a correction: the submission it replaces
  delete replacing[action.id];
  var req = {
    url: action.webhook, key: id, actionId: action.id, savedAt: Date.now(), data: data,
  };
  if (action.webhookFormat === "form") {
    // A CORS-simple request, for receivers that answer no preflight: a flat
    // urlencoded body, no custom header, the submission id among the fields.
    var form = formFields(action, data);
    var meta = [["_actionId", action.id], ["_actionType", action.type],
      ["_chatbotId", site.chatbotId], ["_pageUrl", where.url], ["_pageTitle", where.title]];
    if (where.referrer !== undefined) meta.push(["_pageReferrer", where.referrer]);
    Object.keys(where.utm || {}).forEach(function (k) { meta.push(["_" + k, where.utm[k]]); });
    if (where.asked) {
      meta.push(["_question", where.asked.question], ["_pages", where.asked.pages.join(" ")]);
    }
    meta.push(["_submissionId", id], ["_submittedAt", at]);
    if (replaces) meta.push(["_replaces", replaces]);
    // The honeypot travels as Formspree's _gotcha, which that backend drops when
    // filled. The widget never sends a filled one; a script posting past it might.
    if (action.type === "form") meta.push([GOTCHA, ""]);
    meta.forEach(function (p) { form.append(p[0], p[1]); });
    req.form = true;
    req.body = form.toString();
    return req;
  }
  var body = {
    actionId: action.id,
    actionType: action.type,
    data: data,
    chatbotId: site.chatbotId,
    page: where,
    submissionId: id,
    submittedAt: at,
  };
  if (replaces) body.replaces = replaces;
  req.body = JSON.stringify(body);
  return req;
}

// Netlify Forms (`webhook: {netlify: true}`): urlencoded to the site root, named
// by `form-name`, the form Netlify registered from chatspark-forms.html at deploy.
export function netlifyRequest(action, data) {
  var form = formFields(action, data);
  form.append("form-name", action.id);
  form.append(HONEYPOT_INPUT, "");
  return {
    url: root.href, key: uuid(), actionId: action.id, savedAt: Date.now(), data: data,
    form: true, body: form.toString(),
  };
}

// A form sent by the reader's mail program: subject the action's label, body the
// fields one per line, as `Label: value`.
export function mailto(action, data) {
  var lines = action.fields.filter(function (f) { return own(data, f.key); }).map(function (f) {
    var v = data[f.key];
    if (v === true || v === false) v = v ? "[x]" : "[ ]";
    return f.label + ": " + (Array.isArray(v) ? v.join(", ") : String(v));
  });
  var url = href(action);
  return url + (url.indexOf("?") < 0 ? "?" : "&") + "subject=" +
    encodeURIComponent(action.label) + "&body=" + encodeURIComponent(lines.join("\r\n"));
}

// --- the outbox: nothing a reader submitted is lost ----------------------------
//
// A request is written to localStorage before it is sent and removed once the
// receiver has it (2xx) or has refused it for good (a 4xx other than 408, 425 or
// 429). Whatever is left is sent again, byte for byte, on the next page load,
// when the browser comes back online, and on a backing-off timer.

var OUTBOX_MAX_AGE = 24 * 3600 * 1000;
// Sends of one submission the outbox makes by itself; then only the reader's "Try again".
var MAX_TRIES = 8;
export var replacing = Object.create(null); // action id -> key of the submission the next one corrects
export var inflight = Object.create(null); // key -> promise of the result: never sent twice at once
var aborts = Object.create(null); // key -> AbortController of the request in flight
export var watchers = Object.create(null); // key -> function(result), for a form showing a pending request
var flushTimer = null;
var flushDelay = 2000;

export function outbox() {
  var items = stored();
  var now = Date.now();
  var count = items.length;
  var future = false;
  items = items.filter(function (r) {
    if (!r || typeof r.key !== "string" || typeof r.url !== "string" || typeof r.body !== "string") {
      return false;
    }
    if (!(r.savedAt <= now)) { // in the future, or no number: counts as saved now
      r.savedAt = now;
      future = true;
    }
    return now - r.savedAt < OUTBOX_MAX_AGE;
  });
  if (future || items.length < count) store(items); // expired ones leave this computer
  return items;
}

// Page feedback's votes (feedback.js) wait in the outbox too: checked as a form of
// the vote's fields, sent where the build routed votes.
function feedbackAction() {
  var fb = site.feedback;
  if (!fb || !(fb.webhook || fb.netlify)) return [];
  var fields = ["rating", "path", "title", "language", "comment"].map(function (k) {
    return { key: k };
  });
  return [{ id: "feedback", type: "feedback", webhook: fb.webhook, netlify: !!fb.netlify, fields: fields }];
}

// What a stored request should be, checked against the actions the build gave this
// site: true (send it), false (tampered with: drop it) or null (an action this page
// does not know, such as another page's own: leave it for that page).
function expected(req) {
  var page = readPage() || {};
  var mine = (page.actions || []).filter(function (a) { return typeof a === "object"; });
  var action = site.actions.concat(mine, feedbackAction()).filter(function (a) {
    return a.id === req.actionId;
  })[0];
  if (!action) return null;
  var url = action.netlify ? root.href : action.webhook;
  if (!url || req.url !== url) return false;
  var keys = (action.fields || []).map(function (f) { return f.key; });
  try {
    if (req.form) {
      var meta = ["_actionId", "_actionType", "_chatbotId", "_pageUrl", "_pageTitle",
        "_pageReferrer", "_submissionId", "_submittedAt", "_replaces", GOTCHA, "form-name",
        HONEYPOT_INPUT];
      return Array.from(new URLSearchParams(req.body).keys()).every(function (k) {
        return keys.indexOf(k) >= 0 || meta.indexOf(k) >= 0 || /^_utm_[a-z_]+$/.test(k) ||
          (action.type === "button" && own(action.data || {}, k));
      });
    }
    var body = JSON.parse(req.body);
    if (body.actionId !== action.id) return false;
    if (action.type === "button") return JSON.stringify(body.data) === JSON.stringify(action.data || {});
    return Object.keys(body.data || {}).every(function (k) { return keys.indexOf(k) >= 0; });
  } catch (err) {
    return false;
  }
}

// A waiting request this page may show in its form: the right action, not too old.
export function restorable(req, action) {
  return req.actionId === action.id && expected(req) === true &&
    Date.now() - req.savedAt < RESTORE_MAX_AGE;
}

// False when the browser would not store it (full, or blocked): the caller tells
// the reader, whose input stays in the form.
function store(items) {
  try {
    if (items.length) localStorage.setItem(OUTBOX, JSON.stringify(items));
    else localStorage.removeItem(OUTBOX);
    return true;
  } catch (err) {
    return false;
  }
}

function keep(req) {
  return store(outbox().filter(function (r) { return r.key !== req.key; }).concat([req]));
}

// A waiting request the reader has replaced with a new one: it is not sent again,
// and if it is on its way, it is called back.
export function cancel(key) {
  delete watchers[key];
  if (aborts[key]) aborts[key].abort();
  drop(key);
}

function drop(key) {
  store(outbox().filter(function (r) { return r.key !== key; }));
}

// What the reader filled in, from a saved request: a JSON body's `data`, or an
// urlencoded body's fields but the seven that request() appends (`_actionId`, ...).
export function sentData(req) {
  var data = Object.create(null);
  try {
    if (!req.form) return JSON.parse(req.body).data || data;
    Array.from(new URLSearchParams(req.body)).slice(0, -7).forEach(function (p) {
      data[p[0]] = p[1] === "true" ? true : p[1] === "false" ? false : p[1];
    });
  } catch (err) { /* an unreadable copy: the form starts empty */ }
  return data;
}

// --- a receiver's refusal that names fields --------------------------------------
//
// chatspark-receiver answers a submission it will not keep with a 4xx whose JSON
// body says what is wrong with each field: {"ok": false, "fields": {key: problem}}.
// The form shows each problem next to its field (refusal.js), as it shows its own.

var MAX_PROBLEM = 300; // characters: a receiver's sentence, not a page

// The fields' problems from a 4xx answer, or null (another status, another body).
function fieldProblems(res) {
  var type = res.headers.get("Content-Type") || "";
  if (res.status < 400 || res.status >= 500 || !/json/i.test(type)) return Promise.resolve(null);
  return res.json().then(function (body) {
    var fields = body && body.fields;
    if (!fields || typeof fields !== "object" || Array.isArray(fields)) return null;
    var problems = Object.create(null);
    var any = false;
    Object.keys(fields).forEach(function (key) {
      if (typeof fields[key] !== "string" || !fields[key]) return;
      problems[key] = fields[key].slice(0, MAX_PROBLEM);
      any = true;
    });
    return any ? problems : null;
  }, function () { return null; });
}

function retryable(status) {
  return status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;
}

function scheduleFlush(atLeast) {
  if (flushTimer) return;
  var wait = Math.max(flushDelay, atLeast || 0);
  flushDelay = Math.min(flushDelay * 2, 60000);
  flushTimer = setTimeout(function () { flushTimer = null; flush(); }, wait);
}

// The browser is back online, or a page starts: whatever waits goes out now.
export function flushNow() {
  flushDelay = 2000;
  flush();
}

function flush() {
  if (site.preview) return; // a preview sends nothing, not even what waits from before
  outbox().forEach(function (req) {
    var ok = expected(req);
    if (ok === false) {
      console.error("ChatSpark: a stored submission did not match this site's actions: dropped");
      drop(req.key);
    } else if (ok && (req.tries || 0) < MAX_TRIES) {
      deliver(req);
    }
  });
}

// `preview` (on under `mkdocs serve`): show the request instead of sending it.
function previewOf(req) {
  var headers = req.form
    ? "Content-Type: application/x-www-form-urlencoded;charset=UTF-8"
    : "Content-Type: application/json\nIdempotency-Key: " + req.key;
  var body = req.form ? req.body.split("&").join("\n&") : JSON.stringify(JSON.parse(req.body), null, 2);
  var shown = "POST " + req.url + "\n" + headers + "\n\n" + body;
  console.info("ChatSpark preview, not sent:\n" + shown);
  return Promise.resolve({ ok: true, status: 200, key: req.key, preview: shown });
}

export function deliver(req) {
  if (site.preview) return previewOf(req);
  if (inflight[req.key]) return inflight[req.key];
  req.tries = (req.tries || 0) + 1;
  var kept = keep(req);
  var abort = new AbortController();
  aborts[req.key] = abort;
  var timer = setTimeout(function () { abort.abort(); }, site.timeout * 1000);
  function result(ok, status, retryAfter, unconfirmed, fields) {
    clearTimeout(timer);
    delete inflight[req.key];
    delete aborts[req.key];
    if (ok || !retryable(status)) drop(req.key);
    else if (kept) scheduleFlush(retryAfter * 1000);
    if (ok) flushDelay = 2000;
    var res = {
      ok: ok, status: status, key: req.key, kept: kept, unconfirmed: !!unconfirmed,
      fields: fields || null,
      retry: function () { return deliver(req); },
      // What becomes of it when the outbox sends it again by itself.
      watch: function (fn) { watchers[req.key] = fn; },
    };
    if (watchers[req.key]) watchers[req.key](res);
    return res;
  }
  // Through a promise: a window.fetch that a site script replaced may throw, or
  // return something that is no Response; either is a failure, kept for a retry.
  inflight[req.key] = Promise.resolve().then(function () {
    return fetch(req.url, {
      method: "POST",
      headers: req.form
        ? { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" }
        : { "Content-Type": "application/json", "Idempotency-Key": req.key },
      body: req.body,
      credentials: "omit",
      signal: abort.signal,
    });
  }).then(function (res) {
    if (!res || typeof res.status !== "number" || !res.headers) throw new TypeError("no response");
    // Retry-After is read only if the receiver exposes it (Access-Control-Expose-Headers).
    var after = Number(res.headers.get("Retry-After"));
    return fieldProblems(res).then(function (fields) {
      return result(res.ok, res.status, isFinite(after) ? Math.min(after, 3600) : 0, false, fields);
    });
  }).catch(function (err) {
    function failed() {
      console.error("ChatSpark: the webhook for this action did not answer:", err);
      return result(false, 0, 0);
    }
    if (!req.form || abort.signal.aborted) return failed();
    // A CORS-simple request (no preflight) that fails reached a server that hid its
    // answer (no Access-Control-Allow-Origin), or no server at all. Only a server
    // answers a no-cors request: then the submission most likely arrived, and
    // sending it again would deliver it again, every time.
    return Promise.resolve().then(function () {
      return fetch(req.url, { method: "HEAD", mode: "no-cors", credentials: "omit", signal: abort.signal });
    }).then(function (probe) {
      if (!probe) return failed();
      console.warn("ChatSpark: " + req.url + " answered without an Access-Control-Allow-Origin " +
        "header, so this page cannot read whether it took the submission. It is counted as " +
        "delivered and not sent again; add the header to the receiver's answers to know.");
      return result(true, 0, 0, true);
    }, failed);
  });
  return inflight[req.key];
}
