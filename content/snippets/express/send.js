app.all('/s/:id', (req, res) => {
  const answer = answers[req.params.id];
  res.status(answer.status);
  for (const [name, value] of answer.headers) res.append(name, value);
  if (answer.body === '') res.end();
  else res.send(answer.body);
});
