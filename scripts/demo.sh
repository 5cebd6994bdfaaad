#!/bin/sh
# The product's main job on its embedded default (until the web platform exists):
# 1. check the example reports in examples/ and render them to text, HTML and JSON under out/;
# 2. create the embedded SQLite database with demo agencies and cases under data/ (first run only)
#    and compile annual reports from the cases.
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
if [ ! -f data/gongkai.sqlite ]; then
  node bin/gongkai.js demo seed --data data || exit 1
fi
node bin/gongkai.js report compile --agency 科学技术和工业信息化局 --year 2022 --data data --to txt -o out/compiled-科学技术和工业信息化局-2022.txt || exit 1
node bin/gongkai.js report compile --agency 某区住房和城乡建设局 --year 2025 --data data --to html -o out/compiled-某区住房和城乡建设局-2025.html || exit 1
node bin/gongkai.js report compile --agency 某区住房和城乡建设局 --year 2025 --data data --to docx -o out/compiled-某区住房和城乡建设局-2025.docx || exit 1
echo "渲染和编制结果已写入 out/；内置数据库在 data/gongkai.sqlite。"
