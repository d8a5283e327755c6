@api_view(["POST"])
def submit_form(request):
    save(request.data)
    return Response(status=status.HTTP_205_RESET_CONTENT)
