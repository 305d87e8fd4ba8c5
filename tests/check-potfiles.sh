#!/bin/sh
# check-potfiles.sh SRCDIR
# Copyright 2026 The Gongfu Atlas authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a source file with translatable strings is missing from po/POTFILES.in, or when
# POTFILES.in names a file that does not exist, so that no string silently stays English.
set -eu
cd "$1"
status=0

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done

# C sources that call a gettext macro; .ui templates with translatable properties; data files
# with translatable fields.
found=$( (grep -lE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext)[[:space:]]*\(' app/*.c ui/*.c 2>/dev/null || true;
          grep -l 'translatable="yes"' ui/*.ui resources/gtk/*.ui 2>/dev/null || true;
          ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml 2>/dev/null || true) | sort -u)

for f in $found; do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "$f has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done

if [ $status -eq 0 ]; then
  echo "po/POTFILES.in lists every file with translatable strings"
fi
exit $status
