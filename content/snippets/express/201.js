app.post('/books', (req, res) => {
  const id = store(req.body);
  res.status(201).location(`/books/${id}`).end();
});
