@api_view(["POST"])
def add_book(request):
    book = store(request.data)
    return Response(status=status.HTTP_201_CREATED,
                    headers={"Location": f"/books/{book.pk}"})
