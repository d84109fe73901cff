/* mkdocs-chatspark widget: the entry that scripts/build-assets bundles into
 * dist/widget.js, a classic script (an IIFE: module scripts and import() do not
 * run from file://). The bootstrap (boot.js) fetches it when the reader reaches for
 * the chat or the browser is idle, or the page loads it deferred (`load: eager`).
 *
 * It starts only where the page has what it needs: the bootstrap's handle, the
 * site's data, its own <script> tag; and once, however often it is loaded. */

import { boot, ownScript, site } from "./data.js";
import { start } from "./start.js";

if (boot && site && ownScript && !boot.running_) {
  boot.running_ = true;
  start();
}
