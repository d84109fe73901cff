/* mkdocs-chatspark widget: the Ask box (`answers:` on, the bundled widget).
 *
 * The widget draws the box and the conversation's log; nothing else of answers is
 * in widget.js. The answers part (dist/answers.js, from answers.js: ranking,
 * passages, the conversation) and this language's index (answers/<lang>/*.js,
 * scripts so that file:// works) load when the reader first focuses the box, or at
 * once on a page of a tab where the reader has asked already (the conversation is
 * kept in sessionStorage under its index folder's URL: two sites on one origin, or
 * two languages of one site, never share it). What crosses to the part is `asking`,
 * the handle below. */

import { ownScript, root, shownActions, site } from "./data.js";
import { el, words } from "./dom.js";
import { handedOff, keep } from "./drafts.js";
import { loadPart } from "./parts.js";
import { track } from "./report.js";
import { followLink } from "./route.js";
import { items } from "./ui.js";

var ANSWERS_KEY = "chatspark-answers:"; // + the language's index URL, in sessionStorage
var asking = null; // the handle, once the panel has its Ask box

/** The question and pages a refusal handed to this form, if any (route.js). */
export function askedFor(actionId) {
  return handedOff[actionId] || null;
}

/** The form went through: what was handed to it is spent. */
export function spent(actionId) {
  delete handedOff[actionId];
  keep();
}

function askedBefore(key) {
  try {
    return !!sessionStorage.getItem(key);
  } catch (err) {
    return false; // storage refused (a privacy setting): nothing was kept
  }
}

// The answers part (answers.js), once; the next focus tries again if it failed.
// The index's table of contents (meta.js) is fetched beside it, not after it: a
// question pasted and sent at once waits one round trip less (the part takes it,
// answers/panel.js indexLoader). From file://, or where fetch is refused, the part
// loads it as a script, as before.
function loadAnswers() {
  if (!asking || asking.requested) return;
  asking.requested = true;
  if (!asking.ahead["meta.json"] && window.fetch && /^https?:/.test(asking.index)) {
    (asking.ahead["meta.json"] = fetch(asking.index + "meta.js?v=" + encodeURIComponent(site.answers.version))
      .then(function (res) {
        if (!res.ok) throw new Error(res.status);
        return res.text();
      })).catch(String); // handled: the part loads it again, as a script
  }
  loadPart("answers").then(function (part) {
    part.start(asking, window);
  }, function () {
    asking.requested = false;
  });
}

/** The Ask box and the conversation's log, for the panel (ui.js). */
export function askBox() {
  var text = site.text;
  var log = el("div", { class: "chatspark-log", role: "log" });
  log.setAttribute("aria-label", text.conversation);
  var input = el("input", {
    type: "text", class: "chatspark-input chatspark-ask-input", autocomplete: "off",
    enterkeyhint: "send", onfocus: loadAnswers,
  });
  input.setAttribute("aria-label", text.ask);
  input.setAttribute("placeholder", text.ask);
  var clear = words("clear", el("button", {
    type: "button", class: "chatspark-clear", hidden: true,
    onclick: function () { if (asking.part) asking.part.clear(); },
  }));
  var form = el("form", {
    class: "chatspark-ask",
    onsubmit: function (e) {
      e.preventDefault();
      var question = input.value.trim();
      if (!question) return;
      // Kept in the box until the part has taken it: nothing typed is lost.
      asking.pending = question;
      loadAnswers();
      if (asking.part) asking.part.take();
    },
  }, [input, words("ask_send", el("button", {
    type: "submit", class: "chatspark-button chatspark-button--primary chatspark-ask-send",
  }))]);
  var index = new URL(site.answers.index, ownScript.src).href; // answers/<lang>/
  asking = {
    site: site, text: text, root: root, key: ANSWERS_KEY + index,
    index: index, sources: site.answers.sources,
    log: log, input: input, clear: clear, el: el, words: words,
    pending: null, part: null, requested: false,
    ahead: {}, // index file name -> its text, fetched before the part was there
    actions: shownActions, // a refusal offers them, in order
    items: items, handed: handedOff, keep: keep, // a refusal's form and its question
    navigate: function (url) { followLink({ url: url }); },
    track: function (found) {
      track("answered", { id: "answers", type: "answers" }, found ? "found" : "not_found");
    },
  };
  if (askedBefore(asking.key)) loadAnswers(); // this tab's conversation, shown again
  return el("div", { class: "chatspark-asking" }, [log, clear, form]);
}

/** A form of the panel's own list, pressed to open (ui.js, before it opens the form):
 * right after a refusal it gets the question (answers/panel.js `handsOff`). */
export function handsOff(id) {
  if (asking && asking.part) asking.part.handsOff(id);
}
