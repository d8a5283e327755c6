app.get('/books/:id', (req, res) => {
  res.json({ id: Number(req.params.id), title: 'Silence' });
});
