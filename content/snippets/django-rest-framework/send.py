class Answer(APIView):
    def answer(self, request, id):
        a = answers[id]
        return Response(data_of(a["body"]), status=a["status"], headers=dict(a["headers"]))

    get = post = put = patch = delete = head = options = answer
