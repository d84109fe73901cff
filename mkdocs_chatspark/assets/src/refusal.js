/* mkdocs-chatspark widget: a receiver's refusal that names fields.
 * chatspark-receiver answers a submission it will not keep with a 4xx whose JSON
 * body says what is wrong with each field: {"ok": false, "fields": {key: problem}}.
 * The form shows each problem next to its field, as it shows its own checks. */

var MAX_PROBLEM = 300; // characters: a receiver's sentence, not a page

// The fields' problems from a 4xx answer, or null (another status, another body).
export function fieldProblems(res) {
  var type = res.headers.get("Content-Type") || "";
  if (res.status < 400 || res.status >= 500 || !/json/i.test(type)) return Promise.resolve(null);
  return res.json().then(function (body) {
    var fields = body && body.fields;
    if (!fields || typeof fields !== "object" || Array.isArray(fields)) return null;
    var problems = Object.create(null);
    var any = false;
    Object.keys(fields).forEach(function (key) {
      if (typeof fields[key] !== "string" || !fields[key]) return;
      problems[key] = fields[key].slice(0, MAX_PROBLEM);
      any = true;
    });
    return any ? problems : null;
  }, function () { return null; });
}

// Mark each shown field with its problem (and clear the others), with the form
// part's `mark` (passed in: the core that reads answers does not load the form part).
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
