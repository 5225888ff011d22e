"""Command line: python -m bot {train,run,chat,i18n-status,stale-content,staff-user,
staff-migrate}. `make help` lists them all."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

import httpx

from bot.settings import get_settings


def chat_in_terminal(language: str | None) -> None:
    """Chat with the running assistant in the terminal (buttons are numbered)."""
    settings = get_settings()
    url = f"http://127.0.0.1:{settings.port}/api/chat"
    buttons: list[dict[str, str]] = []
    print("Type a message; a number presses a button; Ctrl-D quits.")
    for line in sys.stdin:
        text = line.strip()
        if text.isdigit() and 0 < int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        resp = httpx.post(url, json={"sender": "terminal", "text": text,
                                     **({"language": language} if language else {})}, timeout=30)
        body = resp.json()
        if "messages" not in body:
            print(f"! {body['error']['message']}")
            continue
        language = None
        buttons = []
        for message in body["messages"]:
            print(f"\n{message['text']}\n  (routes: {', '.join(message['routes']) or '-'};"
                  f" checked {message['checked']})")
            buttons += message["buttons"]
        for i, button in enumerate(buttons, 1):
            print(f"  [{i}] {button['title']}")
        print()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="train the model if the training data changed")
    train.add_argument("--force", action="store_true")
    sub.add_parser("run", help="run the whole assistant on 127.0.0.1")
    chat = sub.add_parser("chat", help="chat with the running assistant in the terminal")
    chat.add_argument("--language")
    status = sub.add_parser("i18n-status", help="translated/draft/missing per language")
    status.add_argument("--json", action="store_true")
    stale = sub.add_parser("stale-content",
                           help="answers checked too long ago or outside their validity window")
    stale.add_argument("--max-age-days", type=int, default=get_settings().content_max_age_days)
    stale.add_argument("--today", type=date.fromisoformat, default=None,
                       help="pretend today is this date (YYYY-MM-DD)")
    from bot.staff import cli as staff_cli
    staff_cli.add_parsers(sub)
    args = parser.parse_args()

    if args.command == "train":
        from bot import engine
        engine.train(get_settings(), force=args.force)
    elif args.command == "run":
        from bot import stack
        stack.run(get_settings())
    elif args.command in ("staff-user", "staff-migrate"):
        staff_cli.run(args, get_settings())
    elif args.command == "chat":
        chat_in_terminal(args.language)
    elif args.command == "stale-content":
        from bot.freshness import findings
        found = findings(args.max_age_days, today=args.today)
        for f in found:
            print(f"{f.response:<40} {f.reason}")
        print(f"{len(found)} answer(s) need a check (max age {args.max_age_days} days).")
    elif args.command == "i18n-status":
        from bot.i18n.status import status_table
        rows = status_table()
        if args.json:
            print(json.dumps(rows, indent=2))
        else:
            print(f"{'language':<10}{'translated':>12}{'draft':>8}{'missing':>9}")
            for row in rows:
                print(f"{row['language']:<10}{row['translated']:>12}{row['draft']:>8}{row['missing']:>9}")


if __name__ == "__main__":
    main()
