[HttpPost("/feedback")]
public IActionResult Submit(Feedback f)
{
    _feedback.Save(f);
    return StatusCode(StatusCodes.Status205ResetContent);
}
