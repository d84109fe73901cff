/* mkdocs-chatspark widget: "Was this page helpful?" (the `feedback` option).
 *
 * The build puts the block at the end of each page's content (feedback.block):
 * the question and two buttons, styled by the theme, so it is in place at the
 * first paint. On Material with `extra.analytics.feedback` it marks Material's
 * own widget instead (feedback.material_form). The bootstrap passes a press on
 * either to `vote` (start.js, `pressed`), loading this file first if need be.
 *
 * A vote goes through the outbox, as a form does (outbox.js): kept in
 * localStorage until the receiver has it, never sent twice. A page view has one
 * Idempotency-Key: the vote and a later comment share it, so a receiver keeps one
 * row that the comment completes. Listeners get `action-triggered` with
 * `actionType: "feedback"`; analytics (`analytics: true`) a `feedback` event with
 * the rating and the page, never the comment. */

import { boot, root, site } from "./data.js";
import { el } from "./dom.js";
import { FEEDBACK_ATTRIBUTE, VOTE_ATTRIBUTE } from "./names.js";
import { deliver, inflight, netlifyRequest, request, uuid } from "./outbox.js";
import { pageContext, trackVote } from "./report.js";
import { route } from "./route.js";

/**
 * @typedef {Object} FeedbackSite  `site.feedback` (feedback.site_json).
 * @property {string} language  Sent with each vote.
 * @property {Object<string, string>} text  comment, send, thanks.
 * @property {string} [webhook]
 * @property {"form"} [webhookFormat]
 * @property {string} [netlify]  The form-name Netlify registered for votes.
 * @property {string} [mailto]  The comment's Send opens the mail program.
 */

var FEEDBACK_ID = "feedback"; // feedback.ACTION_ID and ACTION_TYPE

// The request for a vote (and, with the same key, its comment): as request() builds
// a form's, with this page view's key instead of a new one.
function voteRequest(fb, view, data, where) {
  var action = {
    id: fb.netlify || FEEDBACK_ID, type: FEEDBACK_ID, webhook: fb.webhook,
    webhookFormat: fb.webhookFormat,
  };
  var req = fb.netlify ? netlifyRequest(action, data) : request(action, data, where);
  var body = req.body;
  if (!fb.netlify) {
    // request() gave it an id of its own: the page view's, everywhere it appears.
    body = req.form
      ? body.replace("_submissionId=" + req.key, "_submissionId=" + view.key)
      : body.replace('"submissionId":"' + req.key + '"', '"submissionId":"' + view.key + '"');
  }
  req.key = view.key;
  req.body = body;
  req.actionId = FEEDBACK_ID;
  return req;
}

// What every listener but our own router (route, in start.js) gets: a vote is no
// action of the page, whatever its id.
function tellListeners(data) {
  var payload = { actionId: FEEDBACK_ID, actionType: FEEDBACK_ID, data: data };
  boot.listeners_
    .filter(function (l) { return l[0] === "action-triggered" && l[1] !== route; })
    .forEach(function (l) {
      try {
        l[1](JSON.parse(JSON.stringify(payload)));
      } catch (err) {
        console.error("ChatSpark: an 'action-triggered' listener failed:", err);
      }
    });
}

// Sends the page view's request after the one before it (the vote, before its
// comment): deliver() hands back what is in flight for a key, so a comment made
// while its vote is on its way waits for the answer, then goes.
function sendVote(fb, view, data) {
  if (!fb.webhook && !fb.netlify) return;
  view.sent = (view.sent || Promise.resolve())
    .then(function () { return pageContext(); })
    .then(function (where) {
      var req = voteRequest(fb, view, data, where);
      return (inflight[view.key] || Promise.resolve()).then(function () { return deliver(req); });
    })
    .catch(function (err) { console.error("ChatSpark: a vote was not sent", err); });
}

// The reader's mail program, with the vote and the comment written out. Returns
// the address it opened, which the thank-you keeps as a link (the mail program may
// not open: no handler, a webmail reader).
function mailVote(fb, data, label) {
  var body = [label + ": " + data.rating, location.href, "", data.comment || ""].join("\r\n");
  var url = fb.mailto;
  var mail = url + (url.indexOf("?") < 0 ? "?" : "&") + "subject=" +
    encodeURIComponent(data.title) + "&body=" + encodeURIComponent(body);
  location.assign(mail);
  return mail;
}

// A press on a vote button (ours or Material's), passed on by the bootstrap.
export function vote(button) {
  var box = button.closest("[" + FEEDBACK_ATTRIBUTE + "]");
  var fb = site.feedback;
  if (!box || !fb || box.chatsparkVote) return; // one vote per page view
  var material = box.classList.contains("md-feedback");
  // Ours says 1 or 0; Material's says its rating's `data` (the build marked it).
  var raw = button.getAttribute(material ? "data-md-value" : VOTE_ATTRIBUTE) || "";
  var rating = raw !== "" && isFinite(Number(raw)) ? Number(raw) : raw;
  // Material's Google integration, where it runs, has answered the click already.
  var told = material && box.firstElementChild && box.firstElementChild.disabled;
  var view = box.chatsparkVote = { key: uuid() };
  var data = {
    rating: rating, path: sitePath(),
    title: pageTitle(), language: fb.language,
  };
  if (material) {
    box.firstElementChild.disabled = true; // as Material does: its note says the rest
    var note = box.querySelector(".md-feedback__note [data-md-value='" + CSS.escape(raw) + "']");
    if (note) note.hidden = false;
  } else {
    box.querySelectorAll("[" + VOTE_ATTRIBUTE + "]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b === button));
      b.setAttribute("aria-disabled", "true");
    });
    // The theme's own look for the chosen one: Material, Bootstrap (mkdocs), readthedocs.
    button.classList.remove("btn-neutral", "btn-secondary");
    button.classList.add("md-button--primary", "btn-primary");
  }
  tellListeners(data);
  trackVote(rating, told);
  if (!fb.mailto) sendVote(fb, view, data);
  commentBox(box, fb, view, data, button);
}

// The page's path from the site's root, as the docs say: "/guide/" for a site under
// /docs/ too, and from file:// not the reader's own folders (a path per reader).
function sitePath() {
  var here = location.pathname;
  var base = root ? root.pathname : "/";
  return here.indexOf(base) === 0 ? "/" + here.slice(base.length) : here;
}

// The page's title: its heading (without a theme's permalink sign), else the tab's.
function pageTitle() {
  var h1 = document.querySelector("main h1, [role=main] h1, article h1, h1");
  var said = h1 ? h1.textContent.replace(/[\s¶#]+$/, "").trim() : "";
  return said || document.title;
}

// Where a comment can go: a route (webhook, Netlify, mail) or the author's own
// listeners. With neither (`feedback: true` and no listener on the page) a comment
// box would take what the reader writes, thank them, and keep it nowhere.
function commentGoes(fb) {
  return !!(fb.webhook || fb.netlify || fb.mailto) || boot.listeners_.some(function (l) {
    return l[0] === "action-triggered" && l[1] !== route;
  });
}

// After a vote: the thank-you, and a comment box whose Send completes the vote.
function commentBox(box, fb, view, data, button) {
  var label = button.textContent.trim() || button.title;
  var thanks = el("p", { class: "chatspark-feedback__thanks", role: "status", text: fb.text.thanks });
  // After Material's form, not in it: a form inside a form submits the outer one.
  var after = box.classList.contains("md-feedback") ? box : box.lastElementChild;
  if (!commentGoes(fb)) {
    after.insertAdjacentElement("afterend", thanks);
    return;
  }
  var id = "chatspark-fbc-" + view.key;
  var area = el("textarea", { id: id, rows: "3", cols: "40", maxlength: "2000" });
  var send = el("button", { type: "submit", class: "md-button btn btn-neutral btn-secondary", text: fb.text.send });
  var form = el("form", {
    class: "chatspark-feedback__more",
    onsubmit: function (e) {
      e.preventDefault();
      var comment = area.value.trim();
      if (!comment || send.getAttribute("aria-disabled") === "true") return;
      send.setAttribute("aria-disabled", "true");
      area.readOnly = true;
      var full = Object.assign({}, data, { comment: comment });
      tellListeners(full);
      var mail = fb.mailto ? mailVote(fb, full, label) : null;
      if (!mail) sendVote(fb, view, full);
      // Send goes with its form: focus on it would fall to the page's body. Back to
      // the vote, as a form's success returns to its button; Material's buttons are
      // disabled by then, so to the thank-you there.
      var back = form.contains(document.activeElement) && (button.matches(":disabled") ? thanks : button);
      form.remove();
      thanks.textContent = fb.text.thanks;
      if (mail) {
        thanks.appendChild(document.createTextNode(" "));
        thanks.appendChild(el("a", { href: mail, text: fb.mailto.replace(/^mailto:/i, "").split("?")[0] }));
      }
      if (back === thanks) thanks.tabIndex = -1;
      if (back) back.focus();
    },
  }, [el("label", { for: id, text: fb.text.comment }), el("br"), area, el("br"), send]);
  after.insertAdjacentElement("afterend", form);
  after.insertAdjacentElement("afterend", thanks);
  area.focus();
  // Focus scrolls no further than the box's top edge when that is in view: at the
  // foot of the window, Send would stay below it. The whole form, then.
  form.scrollIntoView({ block: "nearest" });
}
