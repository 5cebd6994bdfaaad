#!/bin/sh
# The product's main job on its embedded default (until the web platform exists): check the
# example reports in examples/ and render them to text, HTML and JSON under out/.
set -u
cd "$(dirname "$0")/.."
mkdir -p out
node bin/gongkai.js report check examples/*
code=$?
for f in examples/*; do
  name=$(basename "$f"); name=${name%.*}
  for to in txt html json; do
    node bin/gongkai.js report render "$f" --to "$to" -o "out/$name.$to" || exit 1
  done
done
echo
case $code in
  0) echo "检查完成：没有规则不通过。" ;;
  1) echo "检查完成：有规则不通过（见上文，示例报告中的问题是真实存在的）。" ;;
  *) echo "检查失败：有文件无法读取。"; exit "$code" ;;
esac
echo "渲染结果已写入 out/（文本、HTML、JSON）。"
