@api_view(["DELETE"])
def drop_book(request, pk):
    forget(pk)
    return Response(status=status.HTTP_204_NO_CONTENT)
