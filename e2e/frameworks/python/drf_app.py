"""Django REST framework on Django's own threaded server (the one `runserver` starts): one
APIView that answers every catalog scenario as DRF views usually do, with
Response(data, status=..., headers=...), data being the body's JSON value when it has one.
Started as `python drf_app.py <answers.json>`."""

import json
import sys

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="only-for-loopback-measurements",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["rest_framework"],
    # The middleware of `django-admin startproject` that touch response headers (security
    # headers, Content-Length, X-Frame-Options); session, auth, CSRF and messages need a
    # database and leave a DRF API response's headers alone.
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
    LOGGING_CONFIG=None,
)
django.setup()

import logging  # noqa: E402

import rest_framework  # noqa: E402
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

from marks import mark, ready  # noqa: E402

logging.basicConfig(level=logging.INFO, stream=sys.stderr)
logging.getLogger("django.server").setLevel(logging.WARNING)
answers = json.load(open(sys.argv[1]))


def data_of(body):
    if body == "":
        return None
    try:
        return json.loads(body)
    except ValueError:
        return body


# The handler under test.
class Answer(APIView):
    def answer(self, request, id):
        a = answers[id]
        return Response(data_of(a["body"]), status=a["status"], headers=dict(a["headers"]))

    get = post = put = patch = delete = head = options = answer


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


def mark_view(request, id):
    mark(id)
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("s/<str:id>", Answer.as_view()),
    path("ok", ok),
    path("mark/<str:id>", mark_view),
]

server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
server.set_app(get_wsgi_application())
ready(server.server_port, f"Django REST framework {rest_framework.VERSION} (Django {django.get_version()})")
server.serve_forever()
