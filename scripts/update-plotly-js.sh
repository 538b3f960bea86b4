#!/usr/bin/env bash
# Replace the plotly.js bundle the reports embed with the release the installed plotly
# Python package ships: the npm package plotly.js-cartesian-dist-min of that version
# (bar, heatmap and scatter, the traces presslens draws, among 12 cartesian types), with its
# licence and package.json beside it. Needs npm (the registry only). Run after upgrading plotly
# in requirements.txt; tests/test_plotly_bundle.py fails until the versions match.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
version=$("$python" - <<'PY'
import re, pathlib, plotly
head = (pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text()[:200]
print(re.search(r"plotly\.js v(\d+\.\d+\.\d+)", head).group(1))
PY
)
target=src/presslens/report/assets/plotly.js
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "plotly.js-cartesian-dist-min@$version" >/dev/null && tar xzf ./*.tgz)
mkdir -p "$target"
cp "$work/package/plotly-cartesian.min.js" "$work/package/LICENSE" "$work/package/package.json" "$target/"
echo "plotly.js-cartesian-dist-min $version -> $target ($(wc -c <"$target/plotly-cartesian.min.js") bytes)"
