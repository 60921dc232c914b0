from django.urls import path

from filings import views

app_name = "filings"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("cases/<int:pk>/", views.docket, name="docket"),
    path("cases/<int:pk>/file/", views.new_filing, name="new_filing"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("files/<int:pk>/view/", views.file_inline, name="file_view"),
    path("files/<int:pk>/download/", views.file_download, name="file_download"),
    path("files/<int:pk>/status/", views.file_status, name="file_status"),
    path("files/<int:pk>/requeue/", views.file_requeue, name="file_requeue"),
]
