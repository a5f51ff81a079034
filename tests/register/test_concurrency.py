"""Done-when of issue 15: 8 processes issuing 250 documents each at the same moment get the
numbers 1..2000 exactly, no duplicate and no gap, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select

from congvan.register import Register
from congvan.register.connection import register_url
from congvan.register.schema import van_ban_di
from tests.register.conftest import ROOT

PROCESSES = 8
EACH = 250

WORKER = f"""
import json, sys, time
from pathlib import Path
from congvan.register import Register
from tests.register.conftest import cong_van

url, go = sys.argv[1], Path(sys.argv[2])
doc = cong_van()
with Register(url, timeout=300) as reg:
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    numbers = [reg.issue(doc).so for _ in range({EACH})]
print(json.dumps(numbers))
"""


def issue_at_once(url: str, tmp_path: Path) -> list[list[int]]:
    Register(url).close()  # the schema exists before the race (creating it races too, once)
    go = tmp_path / "go"
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, url, str(go)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(PROCESSES)]
    for worker in workers:  # every process is connected and waiting
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    go.touch()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err
        results.append(json.loads(out))
    elapsed = time.perf_counter() - started
    print(f"{PROCESSES} x {EACH} issues on {url.split(':')[0]}: {elapsed:.1f} s, "
          f"{PROCESSES * EACH / elapsed:.0f} numbers/s")
    return results


def assert_exactly_one_to_2000(url: str, results: list[list[int]]) -> None:
    numbers = sorted(n for numbers in results for n in numbers)
    assert numbers == list(range(1, PROCESSES * EACH + 1))
    for numbers in results:  # each process saw its own numbers rise
        assert numbers == sorted(numbers)
    engine = create_engine(register_url(url))
    with engine.connect() as conn:
        rows = conn.execute(select(func.count(), func.count(van_ban_di.c.so.distinct()),
                                   func.min(van_ban_di.c.so), func.max(van_ban_di.c.so))
                            .where(van_ban_di.c.nam == 2026)).one()
    engine.dispose()
    assert tuple(rows) == (2000, 2000, 1, 2000)


def test_sqlite_8_processes_250_each(sqlite_url: str, tmp_path: Path) -> None:
    assert_exactly_one_to_2000(sqlite_url, issue_at_once(sqlite_url, tmp_path))


def test_postgresql_8_processes_250_each(postgres_url: str, tmp_path: Path) -> None:
    assert_exactly_one_to_2000(postgres_url, issue_at_once(postgres_url, tmp_path))
