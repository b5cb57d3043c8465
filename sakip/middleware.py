"""Request bounds applied before any view runs."""

from sakip import uploads


class RequestSizeLimitMiddleware:
    """Refuse a request whose Content-Length is above the limit, before anything reads its body.

    Django parses a body lazily, on the first access to request.POST/FILES — the first one being
    CsrfViewMiddleware.process_view, which runs after every middleware's __call__ has begun. So this check,
    here, is what keeps an oversized upload from being spooled to disk at all. Signed-in people may send
    MAX_REQUEST_MB (several task attachments at once); anyone else one file plus 1 MB.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if uploads.declared_length(request) > uploads.anonymous_request_bytes():
            signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
            limit = uploads.max_request_bytes() if signed_in else uploads.anonymous_request_bytes()
            try:
                uploads.check_request_size(request, limit=limit)
            except uploads.UploadRefused as refused:
                return uploads.refused_response(request, refused)
        return self.get_response(request)
