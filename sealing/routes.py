"""URLs of the motions-to-seal screens (included under /motions/)."""

from django.urls import path

from sealing.views import items, motion, queue

app_name = "sealing"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("cases/<int:case_pk>/", queue.case_motions, name="case_motions"),
    path("cases/<int:case_pk>/new/", queue.new_motion, name="new_motion"),
    path("<int:pk>/", motion.motion_page, name="motion"),
    path("<int:pk>/state/", motion.move, name="move"),
    path("<int:pk>/facts/<int:entry_pk>/", motion.filing_facts, name="filing_facts"),
    path("<int:pk>/items/paste/", items.paste_items, name="paste_items"),
    path("<int:pk>/items/<int:item_pk>/", items.item_detail, name="item"),
    path(
        "<int:pk>/items/<int:item_pk>/withdraw/",
        items.withdraw_item,
        name="withdraw_item",
    ),
    path(
        "<int:pk>/items/<int:item_pk>/restore/", items.restore_item, name="restore_item"
    ),
    path("<int:pk>/bulk/", items.bulk, name="bulk"),
]
