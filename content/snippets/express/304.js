app.get('/books/:id', (req, res) => {
  res.set('ETag', currentTag(req.params.id));
  if (req.fresh) return res.status(304).end();
  res.json(loadBook(req.params.id));
});
