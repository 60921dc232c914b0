"""URLs of the region previews and adjustment screens (included under /regions/)."""

from django.urls import path

from sealing.views import regions

app_name = "regions"

urlpatterns = [
    path("items/<int:pk>/", regions.item_preview, name="item"),
    path("items/<int:pk>/locate/", regions.locate_item, name="locate_item"),
    path("items/<int:pk>/adjust/", regions.adjust, name="adjust"),
    path("items/<int:pk>/reviewed/", regions.mark_reviewed, name="reviewed"),
    path("items/<int:pk>/rendering/", regions.rendering_status, name="rendering"),
    path("motions/<int:pk>/locate/", regions.locate_motion, name="locate_motion"),
    path("files/<int:pk>/pages/<int:page>.png", regions.page_image, name="page_image"),
]
