from django.conf import settings

from sakip import navigation as nav


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"SITE_NAME": settings.SITE_NAME, "nav_items": []}
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_items": nav.items_for(user, request.path),
        # The Django admin is for operators only (sakip/admin.py).
        "nav_show_admin": user.is_active and user.is_superuser,
    }
