/* mkdocs-chatspark widget: a receiver's refusal that names fields (outbox.js reads
 * it from the answer: `fields`), shown next to each field, as the form shows its
 * own checks. */

// Mark each shown field with its problem (and clear the others), with the form's `mark`.
// Returns the first field marked, and the problems of keys the form does not show.
export function markRefused(shown, problems, mark) {
  var first = null;
  var rest = [];
  var keys = Object.create(null);
  shown.forEach(function (f) {
    keys[f.field.key] = true;
    var problem = problems[f.field.key] || "";
    mark(f, problem);
    if (problem && !first) first = f;
  });
  Object.keys(problems).forEach(function (key) {
    if (!keys[key]) rest.push(key + ": " + problems[key]);
  });
  return { first: first, rest: rest };
}
