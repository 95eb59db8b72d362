"""``python -m dossiers seed`` (demo dossiers in the local store) and ``python -m dossiers lookup CODE``."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from dossiers.codes import parse_dossier_code
from dossiers.messages import UNKNOWN_CODE, public_answer
from dossiers.seed import demo_dossiers
from dossiers.sources import LocalDossierSource
from storage.database import make_engine, migrate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dossiers")
    parser.add_argument("--database-url", default=None, help="the app's database (DATABASE_URL; SQLite by default)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("seed", help="store demo dossiers dated around today")
    lookup = commands.add_parser("lookup", help="what a citizen sees for a dossier code")
    lookup.add_argument("code")
    args = parser.parse_args(argv)
    engine = make_engine(args.database_url or os.environ.get("DATABASE_URL"))
    migrate(engine)
    source = LocalDossierSource(engine)
    today = dt.date.today()
    if args.command == "seed":
        for dossier in demo_dossiers(today):
            source.save(dossier)
            print(f"{dossier.code}  {dossier.status.value:17}  {dossier.procedure_name}")
        return 0
    code = parse_dossier_code(args.code)
    if code is None:
        print("not a dossier code", file=sys.stderr)
        return 2
    dossier = source.get(str(code))
    print(public_answer(dossier, today) if dossier else UNKNOWN_CODE.format(code=code))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
