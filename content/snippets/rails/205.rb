def submit
  Feedback.create!(feedback_params)
  head :reset_content
end
