"""`poflow serve`, `poflow users add`, `poflow tokens add`: the review app's commands.

`add_commands(sub)` registers them on the CLI's sub-parsers; the heavy imports happen when a
command runs. There is no default account: the first admin is made with `users add`.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from poflow.errors import ConfigError

if TYPE_CHECKING:
    from poflow.settings import Settings

ROLES = ("admin", "reviewer", "viewer")  # storage.models.ROLES, without importing SQLAlchemy
NO_PASSWORD = "!"  # not an Argon2 hash: never verifies, so a token-only user cannot sign in
MIN_PASSWORD = 8


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="the review web UI and HTTP API")
    p.add_argument("--host", default=None, help="address (default $POFLOW_WEB_HOST)")
    p.add_argument("--port", type=int, default=None, help="port (default $POFLOW_WEB_PORT)")
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("users", help="users of the review app")
    usub = p.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    u = usub.add_parser("add", help="create a user (asks for the password)")
    u.add_argument("name")
    u.add_argument("--role", choices=ROLES, required=True)
    u.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    u.set_defaults(run=cmd_users_add)

    p = sub.add_parser("tokens", help="HTTP API tokens for other systems")
    tsub = p.add_subparsers(dest="tokens_command", required=True, metavar="ACTION")
    t = tsub.add_parser("add", help="issue a token for user NAME (made token-only if new)")
    t.add_argument("name")
    t.add_argument("--role", choices=ROLES, default="viewer", help="role of a new user")
    t.set_defaults(run=cmd_tokens_add)


def _settings() -> Settings:
    from poflow.settings import load_settings

    return load_settings()


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from review_queue.app import create_app

    settings = _settings()
    host = args.host or settings.web_host
    port = args.port or settings.web_port
    print(f"poflow review app on http://{host}:{port}/", file=sys.stderr)
    uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=True)
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise ConfigError("the two passwords differ")
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"a password has at least {MIN_PASSWORD} characters")
    return password


def cmd_users_add(args: argparse.Namespace) -> int:
    from review_queue.security import hash_password
    from storage.db import open_database
    from storage.users import add_user, get_user

    password_hash = hash_password(_read_password(args.password_stdin))
    with open_database(_settings().database) as db, db.session() as session:
        if get_user(session=session, name=args.name) is not None:
            raise ConfigError(f"user {args.name!r} exists already")
        add_user(session=session, name=args.name, password_hash=password_hash, role=args.role)
    print(f"user {args.name} ({args.role}) added")
    return 0


def cmd_tokens_add(args: argparse.Namespace) -> int:
    """Print a new token once; only its hash is stored."""
    from review_queue.security import new_secret, secret_hash
    from storage.db import open_database
    from storage.users import add_api_token, add_user, get_user

    token = new_secret()
    with open_database(_settings().database) as db, db.session() as session:
        user = get_user(session=session, name=args.name)
        user_id = (
            user.id
            if user is not None
            else add_user(
                session=session, name=args.name, password_hash=NO_PASSWORD, role=args.role
            )
        )
        add_api_token(session=session, user_id=user_id, token_hash=secret_hash(token))
    print(token)
    return 0
