"""The command-line contract of the knowledge package (used to measure search; keep it stable)."""

import json
import subprocess
import sys
from pathlib import Path

from tests.knowledge.conftest import MINI_CATALOG

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str = "", tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "knowledge", *args, "--cache-dir", str(tmp_path)],
        input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=300,
    )


def test_search_reads_json_lines_and_writes_one_result_line_each(tmp_path):
    questions = [{"id": "a", "q": "lam giay khai sinh cho con"}, {"id": 7, "q": "giá vàng hôm nay"}, {"id": "c", "q": ""}]
    result = run("search", "--catalog", str(MINI_CATALOG), "--no-overlay", "--jsonl",
                 stdin="\n".join(json.dumps(q, ensure_ascii=False) for q in questions) + "\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", 7, "c"]
    first = lines[0]
    assert first["abstain"] is False and len(first["results"]) >= 5
    assert first["results"][0]["code"] == "1.001193"
    assert set(first["results"][0]) == {"code", "name", "score"}
    scores = [hit["score"] for hit in first["results"]]
    assert scores == sorted(scores, reverse=True)
    assert lines[2]["abstain"] is True and lines[2]["results"] == []


def test_answer_prints_what_a_citizen_would_get(tmp_path):
    result = run("answer", "--catalog", str(MINI_CATALOG), "--no-overlay", "lệ phí làm hộ chiếu bao nhiêu", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "200.000 đồng/lần" in result.stdout and "mã 1.001456" in result.stdout


def test_a_missing_catalog_is_a_clear_error(tmp_path):
    result = run("answer", "--catalog", str(tmp_path / "none.jsonl"), "hộ chiếu", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "no catalog at" in result.stderr
