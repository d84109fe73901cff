/* mkdocs-chatspark widget, the form part: a form and its fields (fields.js). A
 * part of its own (parts.js), loaded when a form first opens; its opener and
 * status line are the core's (ui.js renderForm). */

import { el, words } from "./dom.js";
import { drafts, keep } from "./drafts.js";
import {
  check, collect, fill, looksLikeABot, mark, renderField, renderHoneypot, requiredNote,
} from "./fields.js";
import {
  cancel, deliver, inflight, outbox, replacing, restorable, sentData, watchers,
} from "./outbox.js";
import { markRefused } from "./refusal.js";
import { track } from "./report.js";
import { trigger } from "./route.js";
import { busy, focused, follow, say } from "./ui.js";

/** The form of `action`, built the first time the reader opens it (or at once
 * where a draft or a waiting request fills it): `opener` and `status` are the
 * core's (ui.js), there before this part. Returns the form, to place between
 * them, and `toggle`, what the opener does from now on. */
export function renderForm(action, opener, status) {
  var formId = "chatspark-form-" + action.id;
  var fields = action.fields.map(function (f, n) { return renderField(action, f, n); });
  var shown = fields.filter(function (f) { return f.box; }); // hidden fields are only sent
  var honeypot = renderHoneypot(action);
  var openedAt = Date.now(); // for min_fill_seconds: reset whenever the form opens
  // "Please correct the fields marked below" above the fields it speaks of.
  var problems = el("p", { class: "chatspark-note", role: "alert" });
  var submit = el("button", {
    type: "submit", class: "chatspark-button chatspark-button--primary",
    text: action.submitLabel,
  });
  if (!action.submitLabel) words("submit", submit);
  // The last delivery that did not go through: {data, retry, key, status}; status 0
  // when no answer came (a timeout, the network): it may have arrived all the same.
  var failed = null;
  var sent = false; // succeeded, and nothing typed since: another press does nothing

  // Done: the form closes, empty, and focus goes from it to its button, under
  // which the success line says so.
  function succeeded() {
    failed = null;
    sent = true;
    delete drafts[action.id];
    keep();
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
      failed = { data: data, retry: res.retry, key: res.key, status: res.status };
      if (res.fields) {
        // The receiver named what is wrong: shown by the fields, no retry of the same data.
        var refused = markRefused(shown, res.fields, mark);
        say(problems, [{ key: "fix" }].concat(refused.rest), "error");
        say(status, "", null);
        if (refused.first) refused.first.input.focus();
        return false;
      }
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
    keep();
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
      // replaces it (a fixed typo must not arrive as a second lead). The earlier
      // may have arrived if no answer came: the new one names it (`replaces`, the
      // receiver contract in docs/webhooks.md) and the reader is told so.
      var replaced = "";
      if (failed) {
        replaced = { key: failed.status ? "replaced" : "replaced_unsure" };
        replacing[action.id] = failed.key;
        cancel(failed.key);
      }
      failed = null;
      track("submitted", action);
      var outcome = trigger(action, data) || Promise.resolve({ ok: true });
      follow(action, outcome, status, submit, settle(data), replaced);
    },
  }, [problems, requiredNote(shown)].concat(shown.map(function (f) { return f.box; }), [honeypot.box, submit]));
  // The first field, focused and whole in view: focus alone leaves one cut by the
  // panel's edge where it was partly in view already.
  function focusFirst() {
    if (!shown.length) return;
    (shown[0].group ? shown[0].choices[0] : shown[0].input).focus({ preventScroll: true });
    shown[0].box.scrollIntoView({ block: "nearest" });
  }
  opener.setAttribute("aria-controls", formId);
  function toggle() {
    form.hidden = !form.hidden;
    opener.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) {
      openedAt = Date.now();
      if (sent) say(status, ""); // a new message: the last one's success line goes
      track("opened", action);
      focusFirst();
    }
  }
  function expand() {
    form.hidden = false;
    openedAt = Date.now();
    opener.setAttribute("aria-expanded", "true");
  }

  // What the reader typed before a page change (instant or a full load, drafts.js),
  // or sent and still waiting in the outbox, is back in the form.
  var pending = outbox().filter(function (r) { return restorable(r, action); }).pop();
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
  return { form: form, toggle: toggle };
}
