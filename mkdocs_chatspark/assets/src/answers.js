/* mkdocs-chatspark widget: the answers part (src/parts.js), loaded when a reader
 * first focuses the Ask box (asking.js), or at once on a page of a tab where the
 * reader has asked already. The conversation and its ranking live in answers/. */

export { start } from "./answers/panel.js";
