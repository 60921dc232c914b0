"""URLs of the draft-order screens (included under /orders/)."""

from django.urls import path

from sealing.views import orders

app_name = "orders"

urlpatterns = [
    path("", orders.queue, name="queue"),
    path("motions/<int:motion_pk>/", orders.for_motion, name="for_motion"),
    path("motions/<int:motion_pk>/new/", orders.create, name="create"),
    path("<int:pk>/", orders.draft_page, name="draft"),
    path("<int:pk>/status/", orders.status, name="status"),
    path("<int:pk>/pages/<int:number>.png", orders.page_image, name="page_image"),
    path("<int:pk>/files/<slug:kind>/", orders.download, name="download"),
    path("<int:pk>/send/", orders.send, name="send"),
    path("<int:pk>/rebuild/", orders.rebuild, name="rebuild"),
    path("<int:pk>/sealed/", orders.mark_sealed, name="mark_sealed"),
    path("<int:pk>/public/", orders.public_version, name="public_version"),
    path("<int:pk>/public/preview.pdf", orders.public_preview, name="public_preview"),
    path("<int:pk>/approve/", orders.approve, name="approve"),
    path("<int:pk>/return/", orders.return_draft, name="return"),
    path("<int:pk>/comment/", orders.comment, name="comment"),
    path("<int:pk>/edit/", orders.edit, name="edit"),
    path("<int:pk>/upload/", orders.upload, name="upload"),
]
