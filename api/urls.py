"""/api/: the administrator's token pages, the documentation's files, and the API itself (django-ninja's
patterns, in this app's namespace so ninja finds its schema at `api:openapi-json`)."""

from django.urls import path
from django.views.generic import RedirectView

from api import views
from api.endpoints import api

app_name = "api"

urlpatterns = [
    path("token/", views.token, name="token"),
    path("token/buat/", views.token_buat, name="token_buat"),
    path("token/<int:pk>/cabut/", views.token_cabut, name="token_cabut"),
    path("docs/swagger-ui.css", views.docs_css, name="docs_css"),
    path("docs/swagger-ui-bundle.js", views.docs_js, name="docs_js"),
    path("docs/swagger-ui-init.js", views.docs_init_js, name="docs_init_js"),
    # ninja names its root "api-root" (the schema's paths start there); /api/ leads to the documentation.
    path("", RedirectView.as_view(pattern_name="api:openapi-view"), name="api-root"),
    *[pattern for pattern in api.urls[0] if pattern.name != "api-root"],
]
