"""URLs of the redacted-version screens (included under /redactions/)."""

from django.urls import path

from filings import compliance_views as views

app_name = "redactions"

urlpatterns = [
    path("", views.index, name="index"),
    path("queue/", views.queue, name="queue"),
    path("due/<int:pk>/", views.due_detail, name="due"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path(
        "submissions/<int:pk>/status/",
        views.submission_status,
        name="submission_status",
    ),
    path(
        "submissions/<int:pk>/pages/<int:page>.png",
        views.submission_page,
        name="submission_page",
    ),
    path(
        "submissions/<int:pk>/accept/",
        views.submission_accept,
        name="submission_accept",
    ),
    path(
        "submissions/<int:pk>/return/",
        views.submission_return,
        name="submission_return",
    ),
    path("documents/<int:pk>/runs/", views.document_runs, name="document_runs"),
    path(
        "documents/<int:pk>/runs/partial/",
        views.document_runs_partial,
        name="document_runs_partial",
    ),
    path("runs/<int:pk>/preview.pdf", views.run_preview, name="run_preview"),
    path("runs/<int:pk>/again/", views.run_again, name="run_again"),
]
