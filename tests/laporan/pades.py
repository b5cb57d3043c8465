"""Reading a PAdES signature back in tests, wherever the test runs.

pyhanko's synchronous API runs `asyncio.run()`, which refuses a thread where an event loop already runs —
and a Playwright test leaves one running in the main thread of its xdist worker for the rest of the
session. The checks therefore run in a thread of their own (as laporan.signing does for signing).
"""

from concurrent.futures import ThreadPoolExecutor

from pyhanko.sign.validation import validate_pdf_signature


def in_own_thread(work):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def validate(embedded_signature, context):
    return in_own_thread(lambda: validate_pdf_signature(embedded_signature, context))
