#!/usr/bin/env bash
# Install the system packages presslens needs, when missing: Chromium (PDF printing and
# browser tests), poppler-utils (pdftotext/pdftoppm/pdffonts, used by the tests), strace (the test
# that printing a PDF sends nothing over the network) and the report fonts: Liberation Sans
# (fonts-liberation2; metric-compatible with the Helvetica and Arial the report CSS and the charts
# ask for, with Latin, Greek and Cyrillic, Ukrainian і ї є ґ included) and DejaVu Sans
# (fonts-dejavu-core; the fallback for any character Liberation lacks). Chromium brings no font of
# its own: without these an article in Cyrillic would print in whatever the machine has, or boxes.
# Uses apt-get as root, or through sudo when available; otherwise says what to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || command -v google-chrome >/dev/null 2>&1 || [ -n "${PRESSLENS_CHROMIUM:-}" ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v strace >/dev/null 2>&1 || missing+=(strace)
command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
fc-list -q "Liberation Sans" 2>/dev/null || missing+=(fonts-liberation2)
fc-list -q "DejaVu Sans" 2>/dev/null || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "presslens: please install ${missing[*]} with your package manager (no apt-get here)" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "presslens: please install ${missing[*]} (apt-get install ${missing[*]}) as root" >&2
  exit 1
fi
echo "presslens: installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
