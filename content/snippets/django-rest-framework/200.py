@api_view(["GET"])
def show_book(request, pk):
    return Response({"id": pk, "title": "Silence"})
