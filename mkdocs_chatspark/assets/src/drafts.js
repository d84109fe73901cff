/* mkdocs-chatspark widget: what the reader typed into a form and has not sent, and
 * the Ask box question a refusal handed to it, kept for the tab.
 *
 * In memory they outlive an instant page swap; a full page load (a theme without
 * instant navigation, a reload, a link opened in the same tab) starts the script
 * again, so they are also kept in the tab's sessionStorage, under the site's base
 * path: two sites on one origin never fill each other's forms, and the text is gone
 * when the tab closes or the form is sent, and not brought back half an hour after
 * the last keystroke (RESTORE_MAX_AGE: perhaps another reader at this computer). */

import { RESTORE_MAX_AGE, root } from "./data.js";

var KEY = "chatspark-drafts:" + (root ? root.pathname : "/");

var kept = null;
try {
  kept = JSON.parse(sessionStorage.getItem(KEY));
} catch (err) {
  // storage refused (a privacy setting) or corrupt: this page's drafts stay in memory
}
var age = kept ? Date.now() - kept.savedAt : NaN;
if (!(age >= -60000 && age <= RESTORE_MAX_AGE)) kept = {}; // stale, or from a wrong clock

// Objects without a prototype: an action may be called "toString".
/** action id -> the form's fields as collect() returns them (fields.js). */
export var drafts = Object.assign(Object.create(null), kept.data);
/** action id -> {question, pages}: what the form's submission carries (route.js). */
export var handedOff = Object.assign(Object.create(null), kept.asked);

/** Write both down, after a change to either. */
export function keep() {
  try {
    if (Object.keys(drafts).length || Object.keys(handedOff).length) {
      sessionStorage.setItem(KEY, JSON.stringify({ data: drafts, asked: handedOff, savedAt: Date.now() }));
    } else sessionStorage.removeItem(KEY);
  } catch (err) {
    // full or refused: the draft still lives in this page
  }
}
