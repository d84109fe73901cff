/* mkdocs-chatspark widget: what an action does. `route` is the widget's own
 * `action-triggered` listener, among the author's; `trigger` calls them all. */

import { askedFor, spent } from "./asking.js";
import { boot, FORM_NAV_DELAY, href, shownAction } from "./data.js";
import { pageContext } from "./report.js";
import { loadPart } from "./parts.js";
import { phone } from "./modal.js";
import { toggle, ui } from "./ui.js";

// Goes as a link in the page would: through a real <a> in the light DOM, clicked.
// Material's instant navigation takes a click on a same-site link that is in its
// sitemap as its own (it listens on document.body) and swaps the page without a
// reload; anywhere else (another theme, the feature off, another site) the browser
// follows the link as any other.
// (Removed again in the same task: it is never painted.)
export function followLink(action) {
  var a = document.body.appendChild(document.createElement("a"));
  a.href = href(action);
  var here = a.pathname === location.pathname && a.search === location.search;
  // To another page: the panel closes, as a page load would close it (instant
  // navigation kept it, over the new page on a phone). To a section of this page on
  // a phone too: the section is behind the panel, which covers the screen there.
  if (ui && (!here || (a.hash && phone.matches))) {
    toggle(false, null, true);
    arriving = { path: a.pathname, hash: a.hash };
  }
  a.click();
  a.remove();
  // The browser has jumped to the section: focus it now. Material's instant
  // navigation swaps this same page in again after its own jump; `arriving` stays,
  // and the swap's arrived() focuses the section anew (this one is gone by then).
  if (here && arriving) focusSection(arriving.hash);
}

// The page and section a link of ours went to, until that page is shown (arrived).
var arriving = null;

// After an instant page swap (each page, start.js): a link of ours to a section
// leaves focus there, as a load of that address leaves the reader's next Tab and a
// screen reader's reading there; the swap alone leaves focus on the page's body, at
// its top. A load starts this file afresh: the browser does that itself.
export function arrived() {
  var to = arriving;
  arriving = null;
  if (to && to.path === location.pathname) focusSection(to.hash);
}

// Focus on the section an address's `#hash` names, where the page has it.
function focusSection(hash) {
  var id = hash.slice(1);
  var target = id && document.getElementById(id);
  try {
    target = target || (id && document.getElementById(decodeURIComponent(id)));
  } catch (err) {
    return; // not an address's escape ("%zz"): no such section
  }
  if (!target) return;
  if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) {
    target.tabIndex = -1; // a heading: focusable from script only, and only until it is left
    target.addEventListener("blur", function () { target.removeAttribute("tabindex"); }, { once: true });
  }
  target.focus({ preventScroll: true }); // the theme has scrolled to it
}

// Returns a promise of {ok, retry} when the reader should see an outcome. Whatever
// goes wrong inside (a site script that broke window.fetch, the outbox part that
// could not load) is a failure the reader can retry, never a silent "Thanks".
export function route(payload) {
  function failed(err) {
    console.error("ChatSpark: this action could not be sent:", err);
    return { ok: false, status: 0, retry: function () { return route(payload); } };
  }
  try {
    var outcome = routeTo(payload);
    return outcome && outcome.then(null, failed);
  } catch (err) {
    return Promise.resolve(failed(err));
  }
}

// Sends what `make(outbox)` builds, through the outbox part (outbox.js).
function send(make) {
  return loadPart("outbox").then(function (outbox) { return outbox.deliver(make(outbox)); });
}

function routeTo(payload) {
  var action = payload ? shownAction(payload.actionId) : null;
  if (!action || action.type === "link") return undefined; // links are real <a> elements
  var delay = action.type === "form" ? FORM_NAV_DELAY : 0;
  function then(res) {
    var retry = res.retry;
    if (retry) res.retry = function () { return retry().then(then); }; // goes on after a retry too
    // Under preview the request stays on screen: nothing was sent, so nothing follows.
    if (res.ok && !res.preview && action.url) setTimeout(function () { followLink(action); }, delay);
    if (res.ok) spent(action.id); // a question the Ask box handed this form
    return res;
  }
  var data = payload.data || {};
  if (action.webhook) {
    return pageContext().then(function (where) {
      if (askedFor(action.id)) where.asked = askedFor(action.id); // from the Ask box
      return send(function (outbox) { return outbox.request(action, data, where); });
    }).then(then);
  }
  if (action.netlify) {
    return send(function (outbox) { return outbox.netlifyRequest(action, data); }).then(then);
  }
  if (action.mailto) {
    // No backend: the reader's mail program, with the form written out. (A form's
    // part came after the outbox part: this runs in the press's own task.)
    return loadPart("outbox").then(function (outbox) {
      var mail = outbox.mailto(action, data);
      location.assign(mail);
      return { ok: true, mailto: mail };
    });
  }
  if (action.type === "form") {
    // Its data goes to the author's own listeners alone. With none on the page it
    // would go nowhere: the reader is told it did not go through, never thanked,
    // and keeps what they typed; the author reads why in the console.
    if (!heard()) {
      console.error("ChatSpark: the form '" + action.id + "' has no webhook, no mailto: url " +
        "and no 'action-triggered' listener on this page: nothing was sent.");
      return Promise.resolve({ ok: false, status: 0, nowhere: true, retry: function () { return route(payload); } });
    }
    return Promise.resolve({ ok: true }).then(then);
  }
  if (action.url) followLink(action);
  return undefined; // a plain button: only the author's own listeners act on it
}

// Whether an `action-triggered` listener of the author's (not ours) is on the page.
function heard() {
  return boot.listeners_.some(function (l) { return l[0] === "action-triggered" && l[1] !== route; });
}

/** Where the panel shows an action that sends: the outbox part, fetched ahead. */
export function sendsAhead(actions) {
  if (actions.some(function (a) { return a.webhook || a.netlify; })) {
    loadPart("outbox").catch(function () { /* a press tries again */ });
  }
}

// Every `action-triggered` listener, the author's and ours, in the order added.
// Each gets its own copy of the payload, so one that changes or throws cannot
// spoil it for the others. The outcome is what our own handler (route) returned.
export function trigger(action, data) {
  var payload = { actionId: action.id, actionType: action.type, data: data };
  var outcome;
  boot.listeners_
    .filter(function (l) { return l[0] === "action-triggered"; })
    .forEach(function (l) {
      try {
        var result = l[1](JSON.parse(JSON.stringify(payload)));
        if (l[1] === route) outcome = result;
      } catch (err) {
        console.error("ChatSpark: an 'action-triggered' listener failed:", err);
      }
    });
  return outcome;
}
