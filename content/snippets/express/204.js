app.delete('/books/:id', (req, res) => {
  forget(req.params.id);
  res.sendStatus(204); // or res.status(204).end()
});
