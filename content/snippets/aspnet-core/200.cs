[HttpGet("{id}")]
public IActionResult Show(int id) => Ok(new { id, title = "Silence" });
