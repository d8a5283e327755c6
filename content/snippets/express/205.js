app.post('/feedback', (req, res) => {
  save(req.body);
  res.status(205).end();
});
