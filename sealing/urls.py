from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("motions/", include("sealing.routes")),
    path("regions/", include("sealing.region_routes")),
    path("orders/", include("sealing.order_routes")),
    path("redactions/", include("filings.compliance_urls")),
    path("", include("filings.urls")),
]
