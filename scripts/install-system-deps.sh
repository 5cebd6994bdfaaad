#!/bin/sh
# System packages the report renderers and their tests need (Debian 12/13, as root):
#   chromium            prints the HTML rendering to PDF (driven by playwright-core)
#   fonts-wqy-zenhei    TrueType CJK fonts: Chromium embeds them with a correct text layer
#   fonts-arphic-uming  (with Noto CJK it writes 人 as ⼈ and 民 as ⺠ in the PDF's text)
#   poppler-utils       pdftotext / pdftoppm / pdffonts, for tests and visual checks
#   qpdf                used by PDF robustness tests when present
#   postgresql(-contrib) the throwaway server .ci/run starts for the database tests (pg_trgm)
# and a fontconfig file that maps the font names of Chinese official documents (仿宋_GB2312,
# 黑体, 楷体, 方正小标宋简体 …), which Debian does not have, to those TrueType fonts.
# Idempotent: installs only what is missing (apt-get update only then), rewrites the fontconfig
# file only when it differs.
set -eu
export DEBIAN_FRONTEND=noninteractive

PACKAGES="chromium fonts-wqy-zenhei fonts-arphic-uming poppler-utils qpdf postgresql postgresql-contrib"
FONTCONF=/etc/fonts/conf.d/64-gongkai-gbt9704.conf

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "需要 root 权限（或 sudo）安装系统依赖" >&2
    exit 1
  fi
fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  echo "安装系统依赖：$missing"
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
else
  echo "系统依赖已安装：$PACKAGES"
fi

alias_xml() { # family… -> preferred
  target=$1
  shift
  for f in "$@"; do
    printf '  <alias binding="same"><family>%s</family><prefer>%s</prefer></alias>\n' "$f" "$target"
  done
}

song='<family>AR PL UMing CN</family>'
hei='<family>WenQuanYi Zen Hei</family>'
kai='<family>AR PL UKai CN</family><family>AR PL UMing CN</family>'
tmp=$(mktemp)
{
  echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
  echo '<!-- gongkai (scripts/install-system-deps.sh): font names of Chinese official documents'
  echo '     (GB/T 9704) mapped to the TrueType CJK fonts installed with them -->'
  echo '<fontconfig>'
  alias_xml "$song" 仿宋_GB2312 仿宋 FangSong FangSong_GB2312 STFangsong
  alias_xml "$song" 宋体 SimSun STSong 华文中宋 STZhongsong 方正小标宋简体 方正小标宋_GBK FZXiaoBiaoSong-B05S
  alias_xml "$hei" 黑体 SimHei STHeiti "Heiti SC"
  alias_xml "$kai" 楷体_GB2312 楷体 KaiTi KaiTi_GB2312 STKaiti
  echo '</fontconfig>'
} >"$tmp"
if ! cmp -s "$tmp" "$FONTCONF" 2>/dev/null; then
  $SUDO mkdir -p "$(dirname "$FONTCONF")"
  $SUDO cp "$tmp" "$FONTCONF"
  $SUDO chmod 644 "$FONTCONF"
  if command -v fc-cache >/dev/null 2>&1; then $SUDO fc-cache -f >/dev/null 2>&1 || true; fi
  echo "已写入字体映射：$FONTCONF"
fi
rm -f "$tmp"
echo "系统依赖就绪。"
