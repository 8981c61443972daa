#!/usr/bin/env bash
# Extracts the translatable strings of model/, db/, services/, report/ and app/ into
# resources/locale/ladder.pot and merges them into every catalog (zh_CN.po).
# Usage: scripts/update-po.sh
# Afterwards translate the new entries (msgattrib --untranslated resources/locale/zh_CN.po
# lists them) and check with:
#   msgfmt --check-format --statistics -o /dev/null resources/locale/zh_CN.po
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
locale_dir="$root/resources/locale"
pot="$locale_dir/ladder.pot"
catalogs=(zh_CN)

for tool in xgettext msgmerge msginit; do
  command -v "$tool" >/dev/null || { echo "update-po.sh: $tool not found (install gettext)" >&2; exit 1; }
done

cd "$root"
# Relative, sorted paths keep the source references in the .pot stable across machines.
mapfile -t sources < <(find model db services report app -type f \( -name '*.cpp' -o -name '*.hpp' \) | LC_ALL=C sort)
if [ "${#sources[@]}" -eq 0 ]; then
  echo "update-po.sh: no sources found under $root" >&2
  exit 1
fi

xgettext \
  --language=C++ --from-code=UTF-8 \
  --keyword=_ --keyword=N_ --keyword=tr --keyword=wxPLURAL:1,2 --keyword=wxTRANSLATE --keyword=ngettext:1,2 \
  --add-comments=TRANSLATORS: \
  --package-name=ladder --package-version=0.1 \
  --sort-by-file --width=100 \
  -o "$pot" "${sources[@]}"
# xgettext leaves the charset as a placeholder; the sources are UTF-8.
sed -i 's/charset=CHARSET/charset=UTF-8/' "$pot"

for lang in "${catalogs[@]}"; do
  po="$locale_dir/$lang.po"
  if [ ! -f "$po" ]; then
    msginit --no-translator --locale="$lang.UTF-8" --width=100 -i "$pot" -o "$po"
  fi
  msgmerge --quiet --update --no-fuzzy-matching --backup=none --width=100 "$po" "$pot"
  printf '%s: ' "$lang"
  msgfmt --check-format --statistics -o /dev/null "$po"
done
