// Express 5: one route that answers every catalog scenario with its status, headers and body,
// the way an Express handler is usually written (res.status, res.append, res.send or res.end).
// Started as `node app.mjs <answers.json>`; prints `READY {json}` once it listens.
import fs from 'node:fs';
import express from 'express';

const answers = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const version = JSON.parse(fs.readFileSync(new URL('./node_modules/express/package.json', import.meta.url))).version;
const app = express();

// The handler under test.
app.all('/s/:id', (req, res) => {
  const answer = answers[req.params.id];
  res.status(answer.status);
  for (const [name, value] of answer.headers) res.append(name, value);
  if (answer.body === '') res.end();
  else res.send(answer.body);
});

app.get('/ok', (req, res) => res.type('text/plain').send('ok'));

// The runner asks for /mark/<id> after each scenario: everything logged before this line
// belongs to that scenario.
app.get('/mark/:id', (req, res) => {
  console.error(`MARK ${req.params.id}`);
  res.type('text/plain').send('ok');
});

const server = app.listen(0, '127.0.0.1', () => {
  const line = { port: server.address().port, version: `express ${version} (Node ${process.version})` };
  console.log(`READY ${JSON.stringify(line)}`);
});
