[HttpDelete("{id}")]
public IActionResult Drop(int id)
{
    _books.Forget(id);
    return NoContent();
}
