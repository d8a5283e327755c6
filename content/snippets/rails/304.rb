def show
  @book = Book.find(params[:id])
  fresh_when @book # answers 304 when the request's validators still match
end
