"""Turn the output of ../shared/bench/side_by_side.sh (BeKo vs Integreat CMS vs the floor, one
run) into bench/results/side_by_side.json: every goal of issue 17 with its measured ratio.

    python bench/side_by_side.py RESULT.txt [--label final-1]

The script itself is not part of this repository (it installs Integreat CMS); `make
bench-side-by-side` runs it when the shared folder is there and records the result.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import RESULTS

# cell -> (goal × floor, Integreat cell to compare with, goal × Integreat)
GOALS: dict[str, tuple[float, str | None, float | None]] = {
    "beko_offers_100": (0.3, "integreat_events_100", 50.0),
    "beko_events_100": (0.3, "integreat_events_100", 50.0),
    "beko_locations_50": (0.3, "integreat_locations_50", 20.0),
    "beko_offer_1": (0.5, "integreat_page_1", 5.0),
    "beko_home": (0.5, None, None),
    "beko_list_page": (0.25, None, None),
    "beko_search_page": (0.25, None, None),
    "beko_search_api": (0.3, None, None),
    "beko_guide_api": (0.5, None, None),
}


def parse(text: str) -> tuple[dict[str, str], dict[str, dict[str, float | str]]]:
    header = {}
    cells: dict[str, dict[str, float | str]] = {}
    for line in text.splitlines():
        if line.startswith("# side by side"):
            match = re.search(r"side by side (\S+), (\d+) cores.*beko (\w+)", line)
            if match:
                header = {"measured_at": match[1], "cores": match[2], "commit": match[3]}
            continue
        parts = line.split()
        if len(parts) == 6 and parts[0] != "cell":
            name, rps, p50, p99, non2xx, size = parts
            cells[name] = {"requests_per_s": float(rps), "p50": p50, "p99": p99,
                           "non_2xx": int(non2xx), "gzip_bytes": int(size)}  # fmt: skip
    return header, cells


def evaluate(cells: dict[str, dict[str, float | str]]) -> dict[str, dict[str, object]]:
    floor = (
        float(cells["floor_1"]["requests_per_s"]) + float(cells["floor_2"]["requests_per_s"])
    ) / 2
    goals: dict[str, dict[str, object]] = {}
    for name, (floor_goal, other, other_goal) in GOALS.items():
        if name not in cells:
            continue
        rps = float(cells[name]["requests_per_s"])
        entry: dict[str, object] = {
            "requests_per_s": rps,
            "ratio_to_floor": round(rps / floor, 3),
            "goal_ratio_to_floor": floor_goal,
            "meets_floor_goal": rps / floor >= floor_goal,
        }
        if other and other in cells and other_goal is not None:
            theirs = float(cells[other]["requests_per_s"])
            ratio = rps / theirs if theirs else float("inf")
            entry.update(
                compared_with=other,
                ratio_to_integreat=round(ratio, 1) if theirs else "inf (Integreat 0 req/s)",
                goal_ratio_to_integreat=other_goal,
                meets_integreat_goal=ratio >= other_goal,
            )
        entry["non_2xx"] = cells[name]["non_2xx"]
        goals[name] = entry
    return {"floor_mean_rps": round(floor, 1), "goals": goals}  # type: ignore[dict-item]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("result", type=Path)
    parser.add_argument("--label", default="run")
    args = parser.parse_args()
    header, cells = parse(args.result.read_text())
    path = RESULTS / "side_by_side.json"
    data = json.loads(path.read_text()) if path.exists() else {"name": "side_by_side", "runs": {}}
    data["runs"][args.label] = {**header, **evaluate(cells), "cells": cells}
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    for name, goal in data["runs"][args.label]["goals"].items():
        print(name, {k: v for k, v in goal.items() if k.startswith(("ratio", "meets"))})


if __name__ == "__main__":
    main()
