// MiniSearch's settings, shared by the build (Node) and the page (browser), as its
// loadJSON requires. Stored fields: what a source needs but the passage (MiniSearch
// keeps no text to quote unless stored, which would only make its index larger).
export const OPTIONS = {
  fields: ['title', 'heading', 'text'],
  storeFields: ['url', 'title', 'heading', 'anchor'],
};
export const SEARCH = { boost: { title: 2, heading: 3 }, prefix: true, fuzzy: 0.2, combineWith: 'OR' };
