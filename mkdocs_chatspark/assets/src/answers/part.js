// Entry of answers.js, the widget's answers part: widget.js loads it when the reader
// first focuses the Ask box, then hands it the box (`core.answers(handle)`).
import { start } from './panel.js';

const core = window.ChatSpark && window.ChatSpark.__chatspark;
if (core) core.answers = (handle) => start(handle, window);
