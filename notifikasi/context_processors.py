from django.utils.functional import SimpleLazyObject

from notifikasi import selectors


def lonceng(request):
    """The unread count of the navbar bell: signed-in users only, one COUNT query, run only when a
    template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifikasi_belum_dibaca": SimpleLazyObject(lambda: selectors.jumlah_belum_dibaca(user))}
