// WebDriver script body. Points the page's form at the scenario: action, method, enctype and
// the name of its one input (which the test then types into and submits by a real click).
// arguments: [action, method, enctype, name]
const f = document.getElementById('f');
f.action = arguments[0];
f.method = arguments[1];
f.enctype = arguments[2];
document.getElementById('t').name = arguments[3];
