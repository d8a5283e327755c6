[HttpPost]
public IActionResult Add(NewBook book)
{
    var id = _books.Store(book);
    return CreatedAtAction(nameof(Show), new { id }, new { id });
}
