// Runs the cache probes of a plan in an ordinary browser window (no WebDriver), posting each
// result to /report?step=KEY and, at the end, /report?done=1, then opens the plan's next page. The harness reads the results
// and the server's log once it has seen the last post.
(async () => {
  const report = (query, body) => fetch('/report?' + query,
    {method: 'POST', body: JSON.stringify(body), cache: 'no-store'});
  const probes = {repeat: ncRepeat, invalidate: ncInvalidate};
  try {
    const plan = await (await fetch('/plan', {cache: 'no-store'})).json();
    for (const step of plan.steps) {
      let result;
      try {
        result = await probes[step.probe](step.args);
      } catch (e) {
        result = {harness_error: String(e)};
      }
      await report('step=' + encodeURIComponent(step.key), result);
    }
    document.getElementById('state').textContent = 'done';
    await report('done=1', {steps: plan.steps.length});
    // The next step runs on servers of its own: a new origin, with an empty connection pool.
    if (plan.next) location.href = plan.next;
  } catch (e) {
    await report('done=1', {harness_error: String(e)});
  }
})();
