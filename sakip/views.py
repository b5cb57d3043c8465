from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from sakip import beranda as beranda_panels
from sakip import selectors


def home(request):
    return redirect("beranda" if request.user.is_authenticated else "login")


@login_required
@require_safe
def beranda(request):
    context = selectors.profile_of(request.user)
    context["panels"] = beranda_panels.panels_for(request.user)
    return render(request, "sakip/beranda.html", context)


@require_GET
@never_cache
def healthz(request):
    """Liveness and database check for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any database failure means "down"
        return JsonResponse({"status": "error", "database": "down", "detail": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "up", "vendor": connection.vendor})


def permission_denied(request, exception):
    """The 403 page. It names who can help: the kabupaten administrator for people of a kecamatan, the
    operator for the kabupaten administrator (who is the one others are sent to)."""
    from sakip import permissions
    from sakip.roles import Role

    user = getattr(request, "user", None)
    is_kabupaten_admin = bool(user is not None and user.is_authenticated and permissions.has_any_role(user, Role.ADMIN))
    reason = str(exception) if exception is not None else ""
    return render(
        request,
        "403.html",
        {"alasan": reason, "is_kabupaten_admin": is_kabupaten_admin},
        status=403,
    )
