"""Regenerate every sample PDF and its expected records.

    python -m samples.generate [OUT_DIR]

The reportlab samples need only Python; the Word samples need LibreOffice (``soffice``) to turn
the .docx into PDF. The generated files are committed so tests never need either.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from samples import banner_layouts, card_layouts, narrative_layouts, reportlab_layouts

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else HERE
    out.mkdir(parents=True, exist_ok=True)
    written = reportlab_layouts.build_all(out)
    written += narrative_layouts.build_all(out)
    written += banner_layouts.build_all(out)
    word = bool(shutil.which("soffice") or shutil.which("libreoffice"))
    written += card_layouts.build_all(out, word=word)
    if word:
        from samples import docx_layouts, side_by_side_layouts, summary_layouts

        written += docx_layouts.build_all(out)
        written += side_by_side_layouts.build_all(out)
        written += summary_layouts.build_all(out)
    else:
        print("soffice not found: Word samples not regenerated (install libreoffice-writer-nogui and "
              "fonts-liberation)", file=sys.stderr)
    for p in written:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
