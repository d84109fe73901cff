/* mkdocs-chatspark widget, the measure part: what the site learns. A part of its
 * own (parts.js), loaded only where `analytics` or `context` is set; the core
 * calls it through report.js.
 *
 * `analytics: true`: one event per step of an action (opened, submitted,
 * succeeded, failed) to the analytics the page already has, after Material's
 * cookie consent allows analytics. An event carries the action's id and type,
 * the page's path and, for an outcome, what happened; never a field's value.
 *
 * `context: [referrer, utm]`: the payload's `page` gains the referrer and the
 * utm_* parameters of the tab's landing page. */

import { root, site } from "./data.js";

// --- analytics -------------------------------------------------------------------

// Material for MkDocs with `extra.consent` draws its consent form and keeps the
// reader's choice with __md_get("__consent"): {analytics: true, ...}. Without that
// form the site asks no consent of its own, and its analytics decide for themselves.
function analyticsAllowed() {
  if (!document.querySelector("[data-md-component=consent]")) return true;
  try {
    var choice = typeof window.__md_get === "function" ? window.__md_get("__consent") : null;
    return !!(choice && choice.analytics === true);
  } catch (err) {
    return false;
  }
}

// gtag.js reads its commands from dataLayer as `arguments` objects; Material's
// `extra.analytics` (Google) installs gtag.js this way without a global gtag().
function pushGtag() {
  window.dataLayer.push(arguments);
}

function gtmContainer() {
  var tm = window.google_tag_manager;
  return !!tm && Array.isArray(window.dataLayer) && Object.keys(tm).some(function (k) {
    return k.indexOf("GTM-") === 0;
  });
}

var succeeded = Object.create(null); // request keys already told as succeeded

// `key`: the request's; a request that succeeds is told once, however it went
// through (the reader's retry, or the outbox in the background).
export function track(step, action, outcome, key) {
  if (!site.analytics || !analyticsAllowed()) return;
  if (step === "succeeded" && key) {
    if (succeeded[key]) return;
    succeeded[key] = true;
  }
  var name = "chatspark_" + step;
  var props = { action_id: action.id, action_type: action.type, page_path: location.pathname };
  if (outcome) props.outcome = outcome;
  try {
    if (typeof window.gtag === "function") window.gtag("event", name, props);
    else if (typeof window.__md_analytics === "function" && Array.isArray(window.dataLayer)) {
      pushGtag("event", name, props);
    }
    if (typeof window.plausible === "function") window.plausible(name, { props: props });
    if (window._paq && typeof window._paq.push === "function") {
      window._paq.push(["trackEvent", "ChatSpark", step,
        action.type + ":" + action.id + (outcome ? " (" + outcome + ")" : "")]);
    }
    // Every key set on every event: Tag Manager's data layer keeps old values.
    if (gtmContainer()) {
      window.dataLayer.push({ event: name, action_id: props.action_id, action_type: props.action_type,
        page_path: props.page_path, outcome: outcome || null });
    }
  } catch (err) {
    console.error("ChatSpark: an analytics call failed", err);
  }
}


// `analytics: true`: the rating and the page, to every tool the page has, after
// Material's cookie consent. Not to gtag where Material's own Google integration
// has just told it (`told`).
export function trackVote(rating, told) {
  if (!analyticsAllowed()) return;
  var props = { rating: rating, page_path: location.pathname };
  try {
    if (!told && typeof window.gtag === "function") window.gtag("event", "feedback", props);
    else if (!told && typeof window.__md_analytics === "function" && Array.isArray(window.dataLayer)) {
      pushGtag("event", "feedback", props);
    }
    if (typeof window.plausible === "function") window.plausible("feedback", { props: props });
    if (window._paq && typeof window._paq.push === "function") {
      window._paq.push(["trackEvent", "ChatSpark", "feedback", location.pathname, Number(rating) || 0]);
    }
    if (gtmContainer()) window.dataLayer.push({ event: "feedback", rating: rating, page_path: props.page_path });
  } catch (err) {
    console.error("ChatSpark: an analytics call failed", err);
  }
}

// --- attribution: the payload's `page` --------------------------------------------

var UTM = "chatspark-utm"; // sessionStorage: the tab's landing page's utm_* parameters

function utmOf(address) {
  var utm = {};
  new URLSearchParams(new URL(address).search).forEach(function (v, k) {
    if (/^utm_[a-z_]+$/.test(k) && v) utm[k] = v;
  });
  return utm;
}

// Read on the first page of the tab, kept for the rest of its visit.
function landingUtm() {
  try {
    var kept = sessionStorage.getItem(UTM);
    if (kept !== null) return JSON.parse(kept) || {};
    // The address this document was loaded with: after an instant page swap,
    // location already shows a later page of the visit. Before it, the page of
    // this site the reader came from, if the widget never ran there (the reader
    // moved on before the browser was idle): that was the landing page.
    var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    var from = document.referrer.indexOf(root.href) === 0 ? utmOf(document.referrer) : {};
    var utm = Object.keys(from).length ? from : utmOf(nav ? nav.name : location.href);
    sessionStorage.setItem(UTM, JSON.stringify(utm));
    return utm;
  } catch (err) {
    return {}; // storage blocked: the page's own parameters are all there is
  }
}

var wanted = site.context || [];
// Read when this part runs: the core loads it as it starts, on the landing page.
var utm = wanted.indexOf("utm") >= 0 ? landingUtm() : null;

// The `page` object of a request (report.js gives the page it was sent from):
// the opted-in context added.
export function addContext(page) {
  if (wanted.indexOf("referrer") >= 0) page.referrer = document.referrer;
  if (utm) page.utm = utm;
  return page;
}
