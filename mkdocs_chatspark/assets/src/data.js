/* mkdocs-chatspark widget: the data the build left on the page, and the
 * bootstrap's handle. Read once, when widget.js runs; nothing here touches the
 * page. widget.js (the entry) starts nothing unless all of it is there.
 *
 * The shapes below are what render.py emits (site_data, page_data, action_json,
 * field_json). Data only comes in as JSON; every author string is shown with
 * textContent. */

import { DATA_ATTRIBUTE, ISLAND_ID } from "./names.js";

/**
 * @typedef {Object} Field  One input of a form action (render.field_json).
 * @property {string} key  The name its value has in the data sent; any string the
 *   build accepts, `constructor` and `__proto__` included.
 * @property {string} label
 * @property {"text"|"email"|"tel"|"url"|"number"|"textarea"|"select"|"checkbox"|"radio"|"date"|"hidden"} type
 * @property {boolean} [required]
 * @property {string} [placeholder]
 * @property {number} [maxLength]  In characters (code points), not UTF-16 units.
 * @property {string[]} [options]  The choices of a select or radio group.
 * @property {boolean} [multiple]  A select of any number of options: its data is a list.
 * @property {string} [pattern]  Text-like fields: a regular expression (u flag) the
 *   whole value must match; checked at build as JavaScript reads it (pattern.py,
 *   with regress) and for explosive backtracking (redos.py).
 * @property {string} [patternMessage]  Shown when it does not.
 * @property {(number|string)} [min]  A number (number), or an ISO date (date).
 * @property {(number|string)} [max]
 * @property {number} [step]  number: values are min (or 0) plus a multiple of it.
 * @property {string} [help]  A line under the label (aria-describedby).
 * @property {(string|number|boolean|string[])} [default]  The value it starts with.
 * @property {(string|number|boolean)} [value]  hidden: the static value sent.
 * @property {string} [autocomplete]  HTML autocomplete tokens (inferred at build).
 * @property {boolean} [question]  Receives the reader's question when the form is
 *   chosen from an answer that found nothing (else the form's first textarea).
 */

/**
 * @typedef {Object} Action  A call to action, as ChatSpark's client API names it,
 *   plus the routing keys of this plugin (render.action_json).
 * @property {string} id
 * @property {"button"|"link"|"form"} type
 * @property {string} label
 * @property {boolean} [primary]
 * @property {string} [url]  Where it leads; after a form's success, where the reader goes.
 * @property {boolean} [siteRelative]  `url` is relative to the site's root.
 * @property {string} [webhook]  Where a button's or form's data is POSTed.
 * @property {"form"} [webhookFormat]  Unset: JSON with an Idempotency-Key header.
 * @property {boolean} [netlify]  A form sent to Netlify Forms, at the site root.
 * @property {boolean} [mailto]  A form sent by the reader's mail program (`url`).
 * @property {number} [minFillSeconds]  A form sent sooner after opening is a bot's.
 * @property {Object<string, *>} [data]  A button's fixed payload.
 * @property {Field[]} [fields]  A form's inputs.
 * @property {string} [submitLabel]
 * @property {string} [successMessage]
 * @property {string} [errorMessage]
 */

/**
 * @typedef {Object} Site  Site-wide data (render.site_data), in the cached
 *   site.<hash>.js as `window.__chatsparkSite`, or in the extension's island as `site`.
 * @property {string} chatbotId
 * @property {"left"|"right"} position
 * @property {number} timeout  Seconds a webhook has to answer.
 * @property {Action[]} actions
 * @property {Object<string, string>} text  The widget's words in the site's language
 *   (messages.py), title, greeting and launcher_label included.
 * @property {string[]} [english]  The keys of `text` that are the English fallback
 *   (a site language with no catalog): shown with lang="en" (dom.js).
 * @property {boolean} [preview]  Show requests instead of sending them.
 * @property {boolean} [analytics]  Tell the page's analytics each step (measure.js).
 * @property {("referrer"|"utm")[]} [context]  What a request's `page` adds.
 * @property {string} [script]  A hosted ChatSpark script to load instead of ours.
 * @property {string} [integrity]  Its Subresource Integrity hash.
 * @property {"interaction"|"idle"|"eager"} [load]  When the interface or the hosted
 *   script loads (the bootstrap fetches this file and the widget accordingly).
 * @property {string} [consent]  The key in Material's `__consent` the reader must
 *   have accepted before the hosted script loads.
 * @property {{index: string, version: string, sources: number}} [answers]  The Ask
 *   box (answering.site_data): the language's index folder beside widget.js, its
 *   version, and how many sources an answer quotes. Unset: no Ask box.
 */

/**
 * @typedef {Object} Page  What differs on this page (render.page_data), in the island.
 * @property {(string|Action)[]} [actions]  Ids of site actions, or the page's own.
 * @property {string} [greeting]
 * @property {Site} [site]  Only from the Markdown extension, which has no site file.
 */

// This page's data: a JSON <script> in <head> (the plugin), or a <div> attribute
// in the content (the Markdown extension, which also carries the site's data; it
// cannot reach <head>, and render.content_elements says why not a <script>).
export function readPage() {
  var el = document.getElementById(ISLAND_ID);
  if (!el) return null;
  try {
    return JSON.parse(
      (el.tagName === "SCRIPT" ? el.textContent : el.getAttribute(DATA_ATTRIBUTE)) || "{}"
    );
  } catch (err) {
    console.error("ChatSpark: this page's data is not valid JSON", err);
    return null;
  }
}

export function own(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The bootstrap's `window.ChatSpark` (boot.js), which the widget serves. */
export var api = window.ChatSpark;
/** The bootstrap's handle for the widget (`ChatSpark.__chatspark`, boot.js). */
export var boot = api && api.__chatspark;
/** @type {Site} */
export var site = window.__chatsparkSite || (readPage() || {}).site;
/** This file's own <script> tag: the other files are beside it. */
export var ownScript = document.currentScript;

export var FORM_NAV_DELAY = 1200; // ms the success message stays before a form's `url` opens
// This file is <site>/assets/chatspark/widget.js.
export var root = ownScript && ownScript.src ? new URL("../../", ownScript.src) : null;

// The outbox (outbox.js), in localStorage: one per site, not per origin, so that
// sites sharing an origin (project sites under /a/ and /b/) never see, show or send
// each other's submissions.
export var OUTBOX = "chatspark-outbox:" + (root ? root.pathname : "/");
// A waiting submission (outbox.js) or a draft (drafts.js) fills its form again only
// this long after it was saved; after that (perhaps another reader at this computer)
// a submission is only sent, in the background, and a draft is dropped.
export var RESTORE_MAX_AGE = 30 * 60 * 1000;

/** What waits in the outbox, as stored: unchecked (outbox.js checks each before use). */
export function stored() {
  try {
    var items = JSON.parse(localStorage.getItem(OUTBOX) || "[]");
    return Array.isArray(items) ? items : [];
  } catch (err) {
    return []; // storage blocked or corrupt: the page still works, without the outbox
  }
}

// With `consent:`, the hosted script waits until the reader accepted that cookie in
// Material's consent dialog, which keeps the answers under `__consent`, read with
// its own `__md_get` (scoped to the site); until then the bundled widget serves.
function consented() {
  if (!site.consent) return true;
  try {
    var answers = typeof window.__md_get === "function" ? window.__md_get("__consent") : null;
    return !!(answers && answers[site.consent] === true);
  } catch (err) {
    return false;
  }
}
export var useHosted = !!(site && site.script) && consented(); // else the bundled widget serves

// --- data ------------------------------------------------------------------

var current = Object.create(null); // id -> action, for the page on screen

/** The action of this id on the page on screen, or null. */
export function shownAction(id) {
  return own(current, id) ? current[id] : null;
}

/** The actions of the page on screen, in order. */
export function shownActions() {
  return Object.keys(current).map(function (id) { return current[id]; });
}

/** The actions of the page on screen, from now on. */
export function showActions(actions) {
  current = Object.create(null);
  actions.forEach(function (a) { current[a.id] = a; });
}

function pageActions(page) {
  if (!page.actions) return site.actions;
  var byId = {};
  site.actions.forEach(function (a) { byId[a.id] = a; });
  return page.actions
    .map(function (a) { return typeof a === "string" ? byId[a] : a; })
    .filter(Boolean);
}

export function config(page) {
  return { chatbotId: site.chatbotId, data: { actions: pageActions(page) } };
}

export function href(action) {
  return action.siteRelative ? new URL(action.url, root).href : action.url;
}
