"""`python -m bot staff-user ...` and `python -m bot staff-migrate`."""

from __future__ import annotations

import argparse
import getpass
import sys

from bot.settings import Settings
from bot.staff import accounts, audit
from bot.staff.migrate import current, upgrade
from bot.store import engine_for


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    user = sub.add_parser("staff-user", help="accounts of the staff review pages")
    actions = user.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create an account")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=accounts.ROLES)
    add.add_argument("--languages", default="",
                     help="translators: comma-separated language codes (empty: all)")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of stdin (no prompt)")
    actions.add_parser("list", help="list accounts")
    for name in ("disable", "enable", "password"):
        p = actions.add_parser(name, help=f"{name} an account" if name != "password"
                               else "set a new password")
        p.add_argument("--username", required=True)
        if name == "password":
            p.add_argument("--password-stdin", action="store_true")
    sub.add_parser("staff-migrate", help="apply the review database's migrations")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (at least 10 characters): ")
    if first != getpass.getpass("Password again: "):
        sys.exit("The passwords differ; nothing changed.")
    return first


def run(args: argparse.Namespace, settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = engine_for(settings.staff_url)
    upgrade(engine)
    if args.command == "staff-migrate":
        print(f"Review database at revision {current(engine)}.")
        return
    try:
        if args.action == "add":
            langs = [c.strip() for c in args.languages.split(",") if c.strip()]
            user = accounts.add_user(engine, args.username, _password(args.password_stdin),
                                     args.role, langs)
            audit.log(engine, "cli", "add_user",
                      detail=f"{user.username} as {user.role} {','.join(user.languages)}".strip())
            print(f"Added {user.username} ({user.role}).")
        elif args.action == "list":
            for u in accounts.list_users(engine):
                state = "disabled" if u.disabled else "active"
                print(f"{u.username:<24}{u.role:<12}{state:<10}{','.join(u.languages)}")
        elif args.action in ("disable", "enable"):
            accounts.set_disabled(engine, args.username, args.action == "disable")
            audit.log(engine, "cli", f"{args.action}_user", detail=args.username)
            print(f"{args.action.capitalize()}d {args.username}.")
        elif args.action == "password":
            accounts.set_password(engine, args.username, _password(args.password_stdin))
            audit.log(engine, "cli", "set_password", detail=args.username)
            print(f"New password set for {args.username}.")
    except accounts.AccountError as exc:
        sys.exit(f"Error: {exc}")
    finally:
        engine.dispose()
