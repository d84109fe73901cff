/* mkdocs-chatspark widget: elements, and the widget's words in them. */

import { site } from "./data.js";

export function el(tag, attrs, kids) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    var v = attrs[k];
    if (v === false || v == null) return;
    if (k === "text") node.textContent = v;
    else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  });
  (kids || []).forEach(function (k) { if (k) node.appendChild(k); });
  return node;
}

// One of the widget's words. Words the site's language has no translation for are
// English (site.english lists them): they say so, so that a screen reader speaks
// them as English and a right-to-left page keeps their punctuation in place.
/** Whether the widget's words under `key` are the English fallback. */
export function english(key) {
  return site.english && site.english.indexOf(key) >= 0;
}

export function words(key, node, n, m) {
  var said = site.text[key];
  if (n != null) said = said.replace("{n}", n);
  if (m != null) said = said.replace("{m}", m);
  node.textContent = said;
  if (english(key)) {
    node.setAttribute("lang", "en");
    node.setAttribute("dir", "ltr");
  }
  return node;
}

// A message, into a node that may have said another before: each part is the
// widget's words ({key, n, m}, marked by words() in a span of their own) or the
// author's text (a string, in the page's language).
export function speak(node, parts) {
  node.textContent = "";
  [].concat(parts).filter(Boolean).forEach(function (p, i) {
    if (i) node.appendChild(document.createTextNode(" "));
    node.appendChild(typeof p === "string" ? document.createTextNode(p) : words(p.key, el("span"), p.n, p.m));
  });
}
