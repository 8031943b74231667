#!/usr/bin/env python3
"""Copy YASGUI's browser bundle from npm into hsgraph/serve/static/ for the query page.

hsgraph installs from PyPI without Node, so the two built files of
@zazuko/yasgui (MIT) are kept in the package; this script is how they got
there and how to move to a newer release:

    python scripts/vendor_yasgui.py            # needs npm
    python scripts/vendor_yasgui.py 4.6.2      # a chosen version

The tarball is checked against the registry's sha512 integrity before
anything is copied; source-map references are dropped (the maps are not shipped).
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@zazuko/yasgui"
DEFAULT_VERSION = "4.6.2"
OUT = Path(__file__).resolve().parents[1] / "hsgraph" / "serve" / "static"
FILES = {"package/build/yasgui.min.js": "yasgui.min.js", "package/build/yasgui.min.css": "yasgui.min.css"}


def npm(*args, cwd=None) -> str:
    return subprocess.run(["npm", *args], check=True, capture_output=True, text=True, cwd=cwd).stdout


def integrity_ok(tarball: Path, integrity: str) -> bool:
    algo, _, want = integrity.partition("-")
    digest = hashlib.new(algo, tarball.read_bytes()).digest()
    return base64.b64encode(digest).decode() == want


def main(version: str) -> None:
    spec = f"{PACKAGE}@{version}"
    meta = json.loads(npm("view", spec, "dist.integrity", "license", "--json"))
    with tempfile.TemporaryDirectory() as tmp:
        name = json.loads(npm("pack", spec, "--json", cwd=tmp))[0]["filename"]
        tarball = Path(tmp) / name
        if not integrity_ok(tarball, meta["dist.integrity"]):
            sys.exit(f"{name}: integrity check failed")
        OUT.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as tar:
            for member, target in FILES.items():
                text = tar.extractfile(member).read().decode("utf-8")
                text = re.sub(r"\n?(//# sourceMappingURL=\S*|/\*# sourceMappingURL=[^*]*\*/)\s*$", "\n", text)
                (OUT / target).write_text(text, encoding="utf-8")
    (OUT / "YASGUI-NOTICE.txt").write_text(
        f"yasgui.min.js and yasgui.min.css are the built files of the npm package {spec}\n"
        f"(license: {meta['license']}; authors: Triply and Zazuko GmbH), copied unchanged but for\n"
        f"their source-map comments by scripts/vendor_yasgui.py.\n"
        f"Tarball integrity: {meta['dist.integrity']}\n", encoding="utf-8")
    print(f"copied {spec} into {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_VERSION)
