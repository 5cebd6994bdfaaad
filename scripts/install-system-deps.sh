#!/bin/sh
# System packages the report renderers and their tests need (Debian 12/13, as root):
#   chromium            prints the HTML rendering to PDF (driven by playwright-core)
#   fonts-wqy-zenhei    TrueType CJK fonts: Chromium embeds them with a correct text layer
#   fonts-arphic-uming  (Noto CJK makes Chromium write 人 as ⼈ and 民 as ⺠ in the PDF text)
#   poppler-utils       pdftotext / pdftoppm / pdffonts, for tests and visual checks
# Idempotent: installs only what is missing, and runs apt-get update only when it must install.
set -eu
export DEBIAN_FRONTEND=noninteractive

PACKAGES="chromium fonts-wqy-zenhei fonts-arphic-uming poppler-utils"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "系统依赖已安装：$PACKAGES"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "需要 root 权限安装：$missing" >&2
    exit 1
  fi
fi

echo "安装系统依赖：$missing"
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
# make newly installed fonts visible to fontconfig at once
command -v fc-cache >/dev/null 2>&1 && fc-cache -f >/dev/null 2>&1 || true
echo "系统依赖安装完成。"
