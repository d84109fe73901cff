/* mkdocs-chatspark widget: where the open panel covers the page, and where it
 * does not (issue 20). On a phone the panel covers the whole screen (widget.css),
 * so it is modal, for a screen reader too: the page behind it, and the launcher
 * under it, are inert (out of the accessibility tree and out of reach) until it
 * closes. On a wide screen it is not modal: Escape closes it wherever focus is,
 * and focus that moves to an element of the page the panel hides entirely closes
 * it (WCAG 2.4.11, focus not obscured). */

export var phone = window.matchMedia("(max-width: 480px)");
var inert = []; // what cover() made inert, to give back
var later = null; // while the panel covers the page: what the page adds to <body>

/** Makes the page behind `ui`'s panel inert while it is open on a phone, or
 * gives it back. What the page adds to <body> meanwhile (a theme's dialog, a
 * banner) is made inert as it comes. */
export function cover(ui) {
  var modal = !ui.panel.hidden && phone.matches;
  if (modal) ui.panel.setAttribute("aria-modal", "true");
  else ui.panel.removeAttribute("aria-modal");
  ui.launcher.inert = modal;
  inert.splice(0).forEach(function (n) { n.inert = false; });
  if (later) later.disconnect();
  if (!modal) return;
  function hide(n) {
    if (n.nodeType === 1 && n !== ui.host && !n.inert) {
      n.inert = true;
      inert.push(n);
    }
  }
  Array.prototype.forEach.call(document.body.children, hide);
  later = later || new MutationObserver(function (changes) {
    changes.forEach(function (c) { c.addedNodes.forEach(hide); });
  });
  later.observe(document.body, { childList: true });
}

/** The page's own keys and focus (those in the widget stop at its host):
 * `close()` closes the panel and leaves focus where it is. */
export function guard(ui, close) {
  phone.addEventListener("change", function () { cover(ui); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !ui.panel.hidden) close();
  });
  function hidden(node) {
    if (ui.panel.hidden || phone.matches || node !== document.activeElement) return false;
    var r = node.getBoundingClientRect();
    var o = ui.panel.getBoundingClientRect();
    return r.left >= o.left && r.right <= o.right && r.top >= o.top && r.bottom <= o.bottom;
  }
  document.addEventListener("focusin", function (e) {
    var node = e.target;
    if (node === ui.host) return;
    if (hidden(node)) return close();
    // Tab scrolls the element into view after this event, smoothly where the page
    // says so (Bootstrap's `scroll-behavior: smooth`, the mkdocs theme): look again
    // where it went, at the next frame and where that scroll ends (not at a scroll
    // the reader makes later).
    var since = Date.now();
    function again() {
      window.removeEventListener("scrollend", again, true);
      if (Date.now() - since < 1500 && hidden(node)) close();
    }
    requestAnimationFrame(function () { if (hidden(node)) close(); });
    window.addEventListener("scrollend", again, true);
    setTimeout(again, 1500);
  });
}

/** Focus given back to an element of the page that something fixed covers (a
 * theme's sticky header, after the reader scrolled): it scrolls to the middle. */
export function uncover(node) {
  var r = node.getBoundingClientRect();
  var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (hit && hit !== node && !node.contains(hit)) node.scrollIntoView({ block: "center", behavior: "instant" });
}
