def create
  book = Book.create!(book_params)
  head :created, location: book_url(book)
end
