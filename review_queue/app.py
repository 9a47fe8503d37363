"""The review web app and HTTP API: `create_app(settings) -> FastAPI`.

One boundary turns the typed failures into HTTP answers: `Forbidden` → 403,
`ReviewConflict` → 409, `LookupError` → 404, `EditError` → 422, `PoflowError` → 400.
Who is asking is decided here too: a session cookie (browsers; state-changing requests
must also send the session's CSRF token) or an `Authorization: Bearer` API token (other
systems; no cookie, hence no CSRF). Every response carries a strict Content-Security-Policy:
scripts and styles come only from /static, never inline.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import ExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from flows.pipeline import ExtractFn
from poflow.errors import PoflowError
from poflow.settings import Settings
from review_queue.editing import EditError
from review_queue.security import LoginThrottle, SignedIn, same_secret, secret_hash, session_user
from review_queue.service import Forbidden, Reviewer
from rules.config import load_rule_set
from storage.blobs import BlobStore
from storage.db import Database, open_database
from storage.master_data import load_master_data
from storage.review import ReviewConflict
from storage.users import user_for_token

HERE = Path(__file__).parent
SESSION_COOKIE = "poflow_session"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@dataclass
class AppState:
    """Everything a request handler needs, made once when the app starts."""

    settings: Settings
    db: Database
    reviewer: Reviewer
    blobs: BlobStore
    throttle: LoginThrottle
    templates: Jinja2Templates
    extract: ExtractFn | None = None

    @property
    def page_cache(self) -> Path:
        return self.settings.home / "page-cache"


class NotSignedIn(Exception):
    """No valid session or token: browsers go to the login page, API clients get 401."""


def create_app(settings: Settings, *, extract: ExtractFn | None = None) -> FastAPI:
    """The app over the settings' database (migrated on start); `extract` is a test seam."""
    stack = ExitStack()
    db = stack.enter_context(open_database(settings.database))
    rule_set = load_rule_set(settings)
    state = AppState(
        settings=settings,
        db=db,
        reviewer=Reviewer(rule_set, load_master_data(db)),
        blobs=BlobStore(settings.blob_dir),
        throttle=LoginThrottle(),
        templates=_templates(),
        extract=extract,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        with stack:
            yield

    app = FastAPI(title="poflow", version="1", lifespan=lifespan, docs_url="/api/docs")
    app.state.poflow = state
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.middleware("http")(_security_headers)
    _add_error_handlers(app)
    from review_queue.admin import router as admin_router
    from review_queue.api import router as api_router
    from review_queue.web import router as web_router

    app.include_router(web_router)
    app.include_router(admin_router)
    app.include_router(api_router)
    return app


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.autoescape = True  # every template, whatever its name: OCR text is hostile
    return templates


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.url.path.startswith("/static"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _add_error_handlers(app: FastAPI) -> None:
    statuses: dict[type[Exception], int] = {
        Forbidden: 403,
        ReviewConflict: 409,
        LookupError: 404,
        EditError: 422,
        PoflowError: 400,
    }
    for kind, status in statuses.items():
        app.add_exception_handler(kind, _answer(status))
    app.add_exception_handler(NotSignedIn, _not_signed_in)


def _answer(status: int) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def handler(request: Request, exc: Exception) -> Response:
        if isinstance(exc, KeyError | IndexError):
            raise exc  # a bug, not a missing object: a plain 500, never a misleading 404
        message = str(exc).strip("'\"") or "not allowed"
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        templates = state_of(request).templates
        if request.headers.get("HX-Request"):  # an HTMX call: the message goes in #messages
            headers = {"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"}
            return templates.TemplateResponse(
                request, "_message.html", {"message": message}, status_code=status, headers=headers
            )
        page: dict[str, object] = {"message": message, "status": status, "user": None}
        return templates.TemplateResponse(request, "error.html", page, status_code=status)

    return handler


async def _not_signed_in(request: Request, _exc: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": "not signed in"}, status_code=401)
    if request.headers.get("HX-Request"):
        return Response(status_code=401, headers={"HX-Redirect": "/login"})
    return RedirectResponse("/login", status_code=303)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.poflow
    return state


# --- who is asking ------------------------------------------------------------------------


def signed_in(request: Request) -> SignedIn:
    """The user behind the request (API token or session cookie), else `NotSignedIn`."""
    state = state_of(request)
    bearer = request.headers.get("Authorization", "")
    if bearer.lower().startswith("bearer "):
        with state.db.read_session() as session:
            user = user_for_token(session=session, token_hash=secret_hash(bearer[7:].strip()))
            if user is None:
                raise NotSignedIn()
            return SignedIn(user.id, user.name, user.role, "", via_token=True)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        with state.db.read_session() as session:
            found = session_user(session=session, cookie=cookie)
        if found is not None:
            return found
    raise NotSignedIn()


async def csrf_checked(request: Request, user: Annotated[SignedIn, Depends(signed_in)]) -> SignedIn:
    """The user, after checking the CSRF token of a cookie-authenticated change."""
    if user.via_token:
        return user
    sent = request.headers.get("X-CSRF-Token")
    if sent is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not sent or not same_secret(sent, user.csrf_token):
        raise Forbidden("missing or wrong CSRF token")
    return user


User = Annotated[SignedIn, Depends(signed_in)]
Changer = Annotated[SignedIn, Depends(csrf_checked)]
