"""Run the sentence segmenter on the English "Golden Rules" cases.

Usage::

    python benchmarks/golden_rules.py [PATH] [--min-pass N]

PATH defaults to ``../shared/benchmarks/golden_rules_en.json`` relative to the project root.
A case passes when the segmenter's sentences, each stripped of surrounding whitespace, equal
the case's ``expected`` list exactly. Prints every failing case and a final summary line such
as ``golden rules: 47/48 passed``. The exit status is 1 only if ``--min-pass`` is given and
fewer cases pass (the project target is 47).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from cantrade_cli.segment import segment_paragraph  # noqa: E402

DEFAULT_PATH = ROOT.parent / "shared" / "benchmarks" / "golden_rules_en.json"


def sentences(text: str) -> list[str]:
    """Segment ``text`` as one paragraph and return the stripped sentences."""
    return [text[start:end].strip() for start, end in segment_paragraph(text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the segmenter on the Golden Rules.")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--min-pass", type=int, default=0, help="fail below this many passes")
    args = parser.parse_args(argv)

    cases = json.loads(args.path.read_text(encoding="utf-8"))["cases"]
    passed = 0
    for case in cases:
        got = sentences(case["text"])
        if got == case["expected"]:
            passed += 1
            continue
        print(f"FAIL #{case['id']} {case['name']}")
        print(f"  text:     {case['text']!r}")
        for sentence in case["expected"]:
            print(f"  expected: {sentence!r}")
        for sentence in got:
            print(f"  got:      {sentence!r}")
    print(f"golden rules: {passed}/{len(cases)} passed")
    return 0 if passed >= args.min_pass else 1


if __name__ == "__main__":
    sys.exit(main())
