/* Names shared with the Python side: render.ISLAND_ID, render.BOOT_STYLE_ID,
 * render.DATA_ATTRIBUTE, extension.CTA_CLASS, extension.CTA_ATTRIBUTE,
 * render.HONEYPOT_INPUT, model.HONEYPOT, feedback.VOTE_ATTRIBUTE and
 * feedback.BLOCK_ATTRIBUTE. tests/unit/test_assets.py checks that
 * they agree; the bootstrap and the widget import them from here. */

export const ISLAND_ID = "chatspark-page";
export const BOOT_STYLE_ID = "chatspark-boot-style";
export const DATA_ATTRIBUTE = "data-chatspark-data";
export const CTA_CLASS = "chatspark-cta";
export const CTA_ATTRIBUTE = "data-chatspark-action";
export const HONEYPOT_INPUT = "chatspark-website";
export const GOTCHA = "_gotcha";
export const VOTE_ATTRIBUTE = "data-chatspark-vote";
export const FEEDBACK_ATTRIBUTE = "data-chatspark-feedback";
