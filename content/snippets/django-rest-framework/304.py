# Django's own decorator answers 304 before the view runs
@etag(lambda request, pk: current_tag(pk))
@api_view(["GET"])
def show_book(request, pk):
    return Response(load_book(pk))
