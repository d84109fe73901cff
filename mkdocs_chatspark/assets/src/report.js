/* mkdocs-chatspark widget: the core's side of the measure part (measure.js), which
 * loads only where `analytics` or `context` is set, as the widget starts. Until it
 * is in, steps wait for it (in order); where it cannot load, a request goes
 * without its context and nothing is lost. */

import { site } from "./data.js";
import { loadPart } from "./parts.js";

function measured() {
  return !!site.analytics || !!(site.context && site.context.length);
}

function measure() {
  return loadPart("measure");
}

/** As the widget starts: the measure part, where it is configured. */
export function startMeasure() {
  if (measured()) measure().catch(function () { /* told by loadPart */ });
}

/** A vote of "Was this page helpful?", to the page's analytics (`analytics: true`):
 * the rating and the page, never the comment. `told`: Material's own Google
 * integration has told gtag already. */
export function trackVote(rating, told) {
  if (!site.analytics) return;
  measure().then(function (part) { part.trackVote(rating, told); }, function () {});
}

/** One step of an action, to the page's analytics (`analytics: true`). */
export function track(step, action, outcome, key) {
  if (!site.analytics) return;
  measure().then(function (part) { part.track(step, action, outcome, key); }, function () {});
}

// What an outcome was, for `succeeded` and `failed`.
export function outcomeOf(res) {
  if (res.preview) return "preview";
  if (res.mailto) return "mailto";
  if (res.unconfirmed) return "unconfirmed"; // a receiver that hides its answer
  if (res.ok) return res.status ? "sent" : "handled"; // handled: the author's listeners only
  if (res.nowhere) return "nowhere"; // a form with nowhere to go: no webhook, no listener
  return res.status ? "http_" + res.status : "network";
}

/** A promise of the `page` object of a request: the page it is sent from (read
 * now, before anything can swap it), and the opted-in context. */
export function pageContext() {
  var page = { url: location.href, title: document.title };
  if (!site.context || !site.context.length) return Promise.resolve(page);
  return measure().then(
    function (part) { return part.addContext(page); },
    function () { return page; }
  );
}
